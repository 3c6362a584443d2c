package dev.graft.launcher;

import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/**
 * {@code bin/graft}: starts Graft in the foreground and stops it cleanly on SIGTERM, Ctrl-C or
 * the shell's {@code exit}. A fatal error is one line on standard error and a non-zero exit.
 * Headless unless {@code --shell} is given, which {@code bin/graft} adds when its standard input is
 * a terminal ({@code [ -t 0 ]}: exact, where Java 17 can only tell whether stdin and stdout both are).
 */
public final class Main {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(8); // the exit follows: within the 10 s promised, with room on a busy machine

    private static final String USAGE = """
            Usage: graft [--home DIR] [--port N] [--host ADDRESS] [--shell] [--help]

            Starts Graft in the foreground: the runtime's bundles from DIR/system, the modules in
            DIR/deploy, the configuration in DIR/etc. On a terminal the Gogo shell is offered
            (type 'help', 'lb', 'exit'; Ctrl-C at the prompt cancels the line). SIGTERM, or
            Ctrl-C without a shell, stops Graft cleanly.

              --home DIR   the Graft home folder (default: $GRAFT_HOME, else the current folder)
              --port N     the HTTP port (default: org.osgi.service.http.port in etc/config.properties, 8080)
              --host ADDR  the address to listen on, e.g. 127.0.0.1 for this machine only
                           (default: graft.http.host in etc/config.properties, every interface)
              --shell      offer the Gogo shell on this console; bin/graft adds it when standard
                           input is a terminal. Ctrl-D or 'exit' at the shell stops Graft;
                           Ctrl-C at its prompt cancels the line being typed
              --help       this text
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Launcher launcher = Launcher.builder();
        String home = System.getenv("GRAFT_HOME") == null ? "." : System.getenv("GRAFT_HOME");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                case "--home" -> {
                    if (++i == args.length) {
                        return usage("--home needs a folder");
                    }
                    home = args[i];
                }
                case "--port" -> {
                    if (++i == args.length) {
                        return usage("--port needs a number");
                    }
                    try {
                        launcher.httpPort(Integer.parseInt(args[i]));
                    } catch (NumberFormatException e) {
                        return usage("--port needs a number, not '" + args[i] + "'");
                    }
                }
                case "--shell" -> launcher.shell(true);
                case "--host" -> {
                    if (++i == args.length) {
                        return usage("--host needs an address, e.g. 127.0.0.1");
                    }
                    launcher.httpHost(args[i]);
                }
                default -> {
                    return usage("unknown option '" + args[i] + "'");
                }
            }
        }
        long started = System.nanoTime();
        RunningGraft graft;
        try {
            graft = launcher.home(Path.of(home)).start();
        } catch (LaunchException e) {
            return fatal(e);
        }
        Thread stopper = new Thread(() -> stop(graft), "graft-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            try {
                graft.awaitReady(START_TIMEOUT);
                // neither printf nor +: the first use of either in this JVM (java.util.Formatter; the
                // invokedynamic bootstrap of string concatenation) costs tens of ms at start-up
                System.out.println(new StringBuilder("Graft started in ").append((System.nanoTime() - started) / 1_000_000)
                        .append(" ms: http://localhost:").append(graft.httpPort()).append('/'));
            } catch (NotReadyException e) {
                // it runs and serves what works; /health/ready keeps saying 503 until it is ready
                System.err.println("graft: " + e.getMessage());
            }
            graft.awaitStop();
            return 0;
        } catch (LaunchException e) {
            return fatal(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILURE;
        }
    }

    private static void stop(RunningGraft graft) {
        if (!graft.isRunning()) {
            return;
        }
        System.out.println("Graft stopping");
        try {
            if (graft.stop(STOP_TIMEOUT)) {
                System.out.println("Graft stopped");
            } else {
                List<String> busy = graft.notStopped();
                System.out.println("graft: bundles did not stop within " + STOP_TIMEOUT.toSeconds() + " s"
                        + (busy.isEmpty() ? "" : ": " + String.join(", ", busy)) + "; exiting anyway");
            }
        } catch (LaunchException e) {
            System.err.println("graft: " + e.getMessage());
        }
    }

    private static int usage(String problem) {
        System.err.println("graft: " + problem + " (try --help)");
        return EXIT_USAGE;
    }

    private static int fatal(LaunchException e) {
        System.err.println("graft: " + e.getMessage());
        return EXIT_FAILURE;
    }
}
