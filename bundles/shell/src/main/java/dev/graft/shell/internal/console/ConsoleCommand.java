package dev.graft.shell.internal.console;

import dev.graft.log.console.ConsoleOutput;
import dev.graft.shell.internal.GogoCommand;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * {@code graft:__console}, run by {@code etc/gosh_profile} in the console's session: hands the
 * console's JLine line reader (the session variable {@code .reader} of Gogo's JLine shell) to the
 * log writer as its {@link ConsoleOutput}, so that log lines are printed above the prompt instead
 * of over it. Without a line reader (no interactive console) it does nothing. The {@code __}
 * marks it as the shell's plumbing, as Gogo's own {@code __files}: {@code help} does not list it.
 */
// immediate: Gogo releases a command service after each call, and this one keeps the registration
@Component(service = ConsoleCommand.class, immediate = true)
@GogoCommand(scope = GogoCommand.GRAFT, function = "__console")
public class ConsoleCommand {

    /** Gogo's JLine shell keeps the console's line reader in this session variable. */
    static final String READER = ".reader";

    private final BundleContext context;
    private AbovePrompt abovePrompt; // guarded by this
    private ServiceRegistration<ConsoleOutput> registration; // guarded by this

    @Activate
    public ConsoleCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("print log lines above this console's prompt (run by etc/gosh_profile)")
    public synchronized void __console(CommandSession session, @Descriptor("none: ignored") String... ignored) {
        Object reader = session.get(READER);
        if (reader == null) {
            return;
        }
        if (abovePrompt == null) {
            abovePrompt = new AbovePrompt();
        }
        abovePrompt.attach(reader);
        if (registration == null) {
            registration = context.registerService(ConsoleOutput.class, abovePrompt, null);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }
}
