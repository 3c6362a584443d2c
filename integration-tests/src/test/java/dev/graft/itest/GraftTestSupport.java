package dev.graft.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;

import dev.graft.api.deploy.DeploymentService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.service.cm.ConfigurationAdmin;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots a real Felix with the distribution's own bundles ({@code runtime/target/graft/system},
 * at their start levels) and the example modules, on a free HTTP port. Test classes extend it and
 * talk to Graft as a user would: over HTTP, and through the bundles' states.
 */
public abstract class GraftTestSupport {

    /** The distribution under test, set by the build (failsafe). */
    public static Path distribution() {
        String dist = System.getProperty("graft.dist");
        if (dist == null) {
            throw new IllegalStateException("system property graft.dist is not set; run the tests with 'mvn verify'");
        }
        return Path.of(dist).toAbsolutePath().normalize();
    }

    public static final String HELLO = "dev.graft.examples.hello";
    public static final String ECHO = "dev.graft.examples.echo";

    // the driver's copy of this class picks the port; the probe's copy (inside the framework)
    // reads it back from the framework property, see http()
    private static final int PORT = freePort();

    @Inject
    protected BundleContext context;

    private Http http;

    /** @return a client for the HTTP port of the framework under test */
    protected Http http() {
        if (http == null) {
            http = new Http(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        }
        return http;
    }

    @Configuration
    public Option[] config() throws IOException {
        Path dist = distribution();
        Path home = Files.createTempDirectory("graft-itest");
        List<Option> options = new ArrayList<>(Arrays.asList(
                cleanCaches(),
                junitBundles(),
                frameworkStartLevel(10),
                frameworkProperty("org.osgi.service.http.port").value(Integer.toString(PORT)),
                frameworkProperty("graft.home").value(home.toString()),
                // as the launcher sets it: the folder the runtime's bundles are installed from
                frameworkProperty("graft.system").value(dist.resolve("system").toString()),
                frameworkProperty("org.osgi.service.log.admin.loglevel").value("INFO"),
                // as etc/config.properties: no log history, which would keep retired modules in memory
                frameworkProperty("org.apache.felix.log.maxSize").value("0"),
                // FileInstall reads etc/ for configurations only; deploy/ is the deployment manager's
                frameworkProperty("felix.fileinstall.dir").value(home.resolve("etc").toString()),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"),
                frameworkProperty("felix.fileinstall.poll").value("200")));
        options.add(systemBundles(dist.resolve("system")));
        options.add(bundle(dist.resolve("deploy/hello.jar").toUri().toString()).startLevel(8));
        options.add(bundle(dist.resolve("examples/echo-1.0.0.jar").toUri().toString()).startLevel(8));
        return options.toArray(new Option[0]);
    }

    // every runtime bundle but the interactive shell, which would read the test's stdin
    private static Option systemBundles(Path system) throws IOException {
        List<Option> bundles = new ArrayList<>();
        try (Stream<Path> levels = Files.list(system)) {
            for (Path level : levels.sorted().toList()) {
                int startLevel = Integer.parseInt(level.getFileName().toString());
                try (Stream<Path> jars = Files.list(level)) {
                    jars.filter(jar -> !jar.getFileName().toString().startsWith("org.apache.felix.gogo.jline"))
                            .filter(jar -> !jar.getFileName().toString().startsWith("jline-"))
                            .sorted()
                            .forEach(jar -> bundles.add(bundle(jar.toUri().toString()).startLevel(startLevel)));
                }
            }
        }
        return composite(bundles.toArray(new Option[0]));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the installed bundle with this symbolic name (the highest version, if several) */
    protected Bundle installed(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .max((a, b) -> a.getVersion().compareTo(b.getVersion()))
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " is installed"));
    }

    /**
     * Waits until exactly one bundle of this name is installed, at this version, and is ACTIVE: the
     * version that serves once a deployment has ended (the other one removed).
     */
    protected void awaitOnly(String symbolicName, String version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> installed;
        do {
            installed = Arrays.stream(context.getBundles())
                    .filter(b -> symbolicName.equals(b.getSymbolicName()))
                    .map(b -> b.getVersion() + (b.getState() == Bundle.ACTIVE ? " ACTIVE" : " state " + b.getState()))
                    .toList();
            if (installed.equals(List.of(version + " ACTIVE"))) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected only " + symbolicName + " " + version + " ACTIVE after " + timeout.toMillis()
                + " ms; installed: " + installed);
    }

    /** Installs and starts a module from the distribution's examples/ folder, e.g. {@code hello-2.0.0.jar}. */
    protected Bundle installExample(String jar) throws Exception {
        Path file = distribution().resolve("examples").resolve(jar);
        Bundle bundle = context.installBundle(file.toUri().toString());
        bundle.start();
        return bundle;
    }

    /** Sets a configuration through Configuration Admin (as an etc/*.cfg file would). */
    protected void configure(String pid, Object... keysAndValues) throws Exception {
        ConfigurationAdmin admin = awaitService(ConfigurationAdmin.class, Duration.ofSeconds(10));
        org.osgi.service.cm.Configuration configuration = admin.getConfiguration(pid, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        configuration.update(properties);
    }

    /**
     * Runs a shell command as a user types it and returns what the console prints: its output, its
     * result, or, if it fails, the exception as Gogo's console shows it ({@code toString()}).
     */
    protected String shell(String command) throws Exception {
        CommandProcessor processor = awaitService(CommandProcessor.class, Duration.ofSeconds(10));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(command);
            if (result != null) {
                print.println(session.format(result, Converter.INSPECT));
            }
        } catch (Exception e) {
            print.println(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Starts clients sending {@code GET path} one after another until stopped; see {@link Load}. */
    protected Load load(int clients, String path, String... headers) {
        return new Load(Integer.parseInt(context.getProperty("org.osgi.service.http.port")), clients, path, headers);
    }

    /** The deployment manager's {@code <graft.home>/deploy} folder, once the manager has created it, and its history. */
    protected DeployFolder deployFolder() throws Exception {
        return new DeployFolder(Path.of(context.getProperty("graft.home")),
                awaitService(DeploymentService.class, Duration.ofSeconds(10)));
    }

    /**
     * Waits until {@code <graft.home>/data/log/graft.log} has a line holding every one of {@code parts}.
     *
     * @return that line
     * @throws AssertionError if none comes within the timeout
     */
    protected String awaitLogLine(Duration timeout, String... parts) throws Exception {
        Path log = Path.of(context.getProperty("graft.home"), "data/log/graft.log");
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (Files.exists(log)) {
                try (Stream<String> lines = Files.lines(log)) {
                    Optional<String> line = lines.filter(l -> Arrays.stream(parts).allMatch(l::contains)).findFirst();
                    if (line.isPresent()) {
                        return line.get();
                    }
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no line of " + log + " holds all of " + Arrays.toString(parts) + " within "
                + timeout.toMillis() + " ms");
    }

    /** Waits until a service of this type is registered; the service stays in use until the test ends. */
    protected <T> T awaitService(Class<T> type, Duration timeout) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            if (tracker.waitForService(timeout.toMillis()) == null) {
                throw new AssertionError("no " + type.getName() + " service within " + timeout.toMillis() + " ms");
            }
            // get it through the context: a service got by the tracker is released when the tracker closes
            return context.getService(tracker.getServiceReference());
        } finally {
            tracker.close();
        }
    }
}
