package dev.graft.shell.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code graft:help}: what the shell offers. Graft's profile puts scope {@code graft} first, so a
 * plain {@code help} is this one: Graft's commands with what they do, then the standard commands
 * (the registered command services, without the shell's {@code _} plumbing). {@code help <command>}
 * describes a Graft command from its {@link Usage}, and hands any other to Gogo's own
 * {@code felix:help}.
 */
@Component(service = HelpCommand.class)
@GogoCommand(scope = GogoCommand.GRAFT, function = "help")
public class HelpCommand {

    private static final String HELP_TEXT = "list the commands (Graft's, then the standard ones), or describe one";

    static final Usage HELP = new Usage("help", HELP_TEXT, List.of(), "[<command>]", 0, 1, "graft:help canary");

    /** Graft's commands, as help describes them. */
    static final List<Usage> GRAFT_COMMANDS = List.of(RouteCommands.ROUTES, RouteCommands.CANARY, RouteCommands.ROUTEWHY,
            DeployCommands.MODULES, DeployCommands.DEPLOY, DeployCommands.PROMOTE, DeployCommands.ROLLBACK,
            DeployCommands.HISTORY, DeployCommands.WHY, DeployCommands.LEAKS, AuthCommands.POLICIES, AuthCommands.TEST,
            AuthCommands.APIKEY, AuthCommands.TOKEN, HealthCommands.HEALTH, HealthCommands.METRICS,
            NativeCommands.NATIVE, NativeCommands.RELOAD, NativeCommands.CALL, HELP);

    private final BundleContext context;

    @Activate
    public HelpCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor(HELP_TEXT)
    public String help(CommandSession session, @Descriptor("[<command>]") String... args) throws Exception {
        Arguments parsed = Arguments.parse(HELP, args);
        if (parsed.helpRequested()) {
            return HELP.help();
        }
        Map<String, Set<String>> commands = registeredCommands();
        if (parsed.operands().isEmpty()) {
            return CommandListing.format(commands, GRAFT_COMMANDS, session.get("exit") != null);
        }
        String name = parsed.operands().get(0);
        String function = name.substring(name.indexOf(':') + 1);
        String scope = name.indexOf(':') < 0 ? null : name.substring(0, name.indexOf(':'));
        if (scope == null || scope.equals(GogoCommand.GRAFT)) {
            for (Usage usage : GRAFT_COMMANDS) {
                if (usage.name().equals(function)) {
                    return usage.help();
                }
            }
        }
        boolean known = name.matches("[\\w.:-]+") && commands.entrySet().stream()
                .anyMatch(e -> (scope == null || e.getKey().equals(scope)) && e.getValue().contains(function));
        if (!known) {
            throw HELP.refused("no command named '" + name + "' (help lists them)", null);
        }
        try {
            return String.valueOf(session.execute("felix:help " + name)).strip();
        } catch (Exception e) {
            throw HELP.refused("cannot describe " + name + ": " + e.getMessage(), e);
        }
    }

    /** @return scope to function names of every registered command service */
    private Map<String, Set<String>> registeredCommands() throws InvalidSyntaxException {
        Map<String, Set<String>> commands = new HashMap<>();
        ServiceReference<?>[] references =
                context.getAllServiceReferences(null, "(" + CommandProcessor.COMMAND_SCOPE + "=*)");
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            String scope = String.valueOf(reference.getProperty(CommandProcessor.COMMAND_SCOPE));
            Set<String> names = commands.computeIfAbsent(scope, s -> new TreeSet<>());
            Object functions = reference.getProperty(CommandProcessor.COMMAND_FUNCTION);
            if (functions instanceof String[] array) {
                names.addAll(List.of(array));
            } else if (functions instanceof Collection<?> collection) {
                collection.forEach(f -> names.add(String.valueOf(f)));
            } else if (functions != null) {
                names.add(functions.toString());
            }
        }
        return commands;
    }
}
