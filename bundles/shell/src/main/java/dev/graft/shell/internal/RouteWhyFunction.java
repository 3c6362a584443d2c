package dev.graft.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code graft:route-why}: Gogo maps a command to a Java method by name, and a method cannot be
 * named with a hyphen, so this spelling is a {@link Function} that calls {@link RouteCommands#routewhy}.
 */
@Component(service = Function.class)
@GogoCommand(scope = GogoCommand.GRAFT, function = "route-why")
public class RouteWhyFunction implements Function {

    static final String USAGE = "route-why [-c ADDRESS] METHOD PATH [Name=value ...]"
            + System.lineSeparator() + "  explain which version would serve a request and why, e.g. route-why GET /hello X-API-Version=2"
            + System.lineSeparator() + "  -c, --client ADDRESS  the client address used as the sticky key (default 127.0.0.1)";

    private final RouteCommands commands;

    @Activate
    public RouteWhyFunction(@Reference RouteCommands commands) {
        this.commands = commands;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        List<String> args = new ArrayList<>();
        for (Object argument : arguments) {
            args.add(String.valueOf(argument));
        }
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            return USAGE;
        }
        String client = "127.0.0.1";
        if (args.get(0).equals("-c") || args.get(0).equals("--client")) {
            if (args.size() < 2) {
                throw new IllegalArgumentException("--client needs an address; usage: " + USAGE);
            }
            client = args.get(1);
            args = args.subList(2, args.size());
        }
        if (args.size() < 2) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        return commands.routewhy(client, args.get(0), args.get(1), args.subList(2, args.size()).toArray(new String[0]));
    }
}
