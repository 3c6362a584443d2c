package dev.graft.launcher;

import dev.graft.launcher.internal.CacheOwner;
import dev.graft.launcher.internal.OwnerOnly;
import dev.graft.launcher.internal.FrameworkConfig;
import dev.graft.launcher.internal.GraftThreads;
import dev.graft.launcher.internal.SystemBundles;
import dev.graft.launcher.internal.SystemContentCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Graft inside the calling JVM: a Felix framework with the bundles of a Graft home folder.
 *
 * <pre>{@code
 * RunningGraft graft = Launcher.builder()
 *         .home(Path.of("/opt/graft"))
 *         .httpPort(8080)
 *         .start();
 * graft.awaitReady(Duration.ofSeconds(30));
 * ...
 * graft.stop(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>A home folder holds {@code etc/config.properties} (framework properties; {@code ${graft.home}}
 * is replaced by the home folder), {@code system/<start-level>/*.jar} (the runtime's bundles),
 * {@code deploy/} and {@code data/} (framework cache and logs).
 *
 * <p>Graft runs headless unless {@link #shell(boolean)} asks for the shell; the host shares API
 * packages with the bundles through {@link #systemPackagesExtra}; {@link RunningGraft#stop} waits
 * for every thread Graft started. A complete host program: {@code docs/embedding.md}.
 */
public final class Launcher {

    /** Framework property: the Graft home folder. */
    public static final String HOME_PROPERTY = "graft.home";

    /**
     * Framework property: the {@code system/} folder the launcher installs the runtime's bundles from
     * (an absolute path). Graft's bundles count a bundle as part of the runtime only if it was
     * installed from a jar of a start-level folder of this folder; without it, none but the framework.
     * Always set by the launcher, whatever {@code etc/config.properties} says.
     */
    public static final String SYSTEM_PROPERTY = "graft.system";

    /** Framework property read by Graft's HTTP server: the HTTP port. */
    public static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";

    /** Framework property read by Graft's HTTP server: the address to listen on ({@code 0.0.0.0}: every interface). */
    public static final String HTTP_HOST_PROPERTY = "graft.http.host";

    private Path home;
    private Integer httpPort;
    private String httpHost;
    private boolean shell;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<Path> extraBundles = new ArrayList<>();
    private final List<String> systemPackagesExtra = new ArrayList<>();

    private Launcher() {}

    /** @return a new builder */
    public static Launcher builder() {
        return new Launcher();
    }

    /** @param home the Graft home folder (required) */
    public Launcher home(Path home) {
        this.home = home;
        return this;
    }

    /** @param port the HTTP port; {@code 0} picks a free one. Default: {@code etc/config.properties}, else 8080 */
    public Launcher httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /**
     * @param host the address to listen on, e.g. {@code 127.0.0.1} for this machine only. Default:
     *     {@code graft.http.host} in {@code etc/config.properties}, else every interface
     */
    public Launcher httpHost(String host) {
        this.httpHost = host;
        return this;
    }

    /**
     * Offers the interactive Gogo shell on this JVM's console (standard input and output): for a
     * person at a terminal, as {@code bin/graft} does when its standard input is one. The shell
     * stops Graft when its input ends ({@code exit}, Ctrl-D, or a closed or redirected stdin), so
     * leave it off unless a terminal is there.
     *
     * <p>Default {@code false}: headless. The console bundle ({@code org.apache.felix.gogo.jline})
     * is installed but not started: nothing reads standard input, touches the terminal or adds
     * threads, and Graft runs until {@link RunningGraft#stop}. Gogo's runtime and Graft's commands,
     * which read no console, are started either way.
     */
    public Launcher shell(boolean shell) {
        this.shell = shell;
        return this;
    }

    /**
     * Shares packages of the host's class path with Graft's bundles: the framework's system bundle
     * exports them ({@code org.osgi.framework.system.packages.extra}, added to any that
     * {@code etc/config.properties} names). A bundle importing such a package then uses the host's
     * classes, and a service of one of its types is the same class on both sides: what the host
     * gets from {@link RunningGraft#service} it can call.
     *
     * <p>For Graft's API, put the {@code dev.graft:api} jar on the host's class path and name every
     * package of it at the version the jar exports (its manifest's {@code Export-Package}; the list
     * is in docs/embedding.md), e.g. {@code "dev.graft.api.route;version=1.2.0"}. The API bundle
     * inside Graft exports the same packages; at an equal version the framework wires every bundle
     * — the API bundle itself included, which imports what it exports — to the system bundle's
     * export, which is resolved first and has the lowest bundle id. (At a lower version the API
     * bundle's export wins, and the host's classes are its own again.) Share every package a shared
     * type refers to as well ({@code route} refers to {@code route.dto}), or the two class spaces
     * meet in one method signature and the bundle calling through it fails with a {@link LinkageError}.
     *
     * @param packages export clauses, e.g. {@code "dev.graft.api.route;version=1.2.0"}; a package
     *     without a version is version 0.0.0, which no Graft bundle accepts
     */
    public Launcher systemPackagesExtra(String... packages) {
        for (String clause : packages) {
            if (clause == null || clause.isBlank()) {
                throw new IllegalArgumentException("a shared package needs a name, e.g. \"dev.graft.api.route;version=1.2.0\"");
            }
            systemPackagesExtra.add(clause.trim());
        }
        return this;
    }

    /** Sets a framework property, overriding {@code etc/config.properties}. */
    public Launcher property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    /** Adds a bundle to install and start after the runtime's own, e.g. a product's module. */
    public Launcher bundle(Path jar) {
        extraBundles.add(jar);
        return this;
    }

    /**
     * Starts the framework and the bundles; returns once they are installed and the framework is
     * moving to its start level. Use {@link RunningGraft#awaitReady} to wait for all of them.
     *
     * @throws LaunchException with a one-line reason: unreadable home, no bundles, port in use …
     */
    public RunningGraft start() throws LaunchException {
        if (home == null) {
            throw new LaunchException("no Graft home folder given");
        }
        Path root = home.toAbsolutePath().normalize();
        if (!Files.isDirectory(root) || !Files.isReadable(root)) {
            throw new LaunchException("cannot read the Graft home folder " + root);
        }
        SystemBundles bundles = SystemBundles.scan(root.resolve("system"), extraBundles);
        OwnerOnly.protect(root.resolve("data"), root.resolve("etc").resolve("trust"));
        Map<String, String> config = FrameworkConfig.load(root, properties);
        config.put(HOME_PROPERTY, root.toString());
        config.put(SYSTEM_PROPERTY, root.resolve("system").toString());
        if (!systemPackagesExtra.isEmpty()) {
            config.merge(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",", systemPackagesExtra),
                    (configured, added) -> configured.isBlank() ? added : configured + "," + added);
        }
        if (httpPort != null) {
            config.put(HTTP_PORT_PROPERTY, Integer.toString(httpPort == 0 ? freePort() : httpPort));
        }
        config.putIfAbsent(HTTP_PORT_PROPERTY, "8080");
        if (httpHost != null) {
            config.put(HTTP_HOST_PROPERTY, httpHost);
        }
        int port = parsePort(config.get(HTTP_PORT_PROPERTY));
        checkPortFree(config.getOrDefault(HTTP_HOST_PROPERTY, "0.0.0.0"), port);
        config.putIfAbsent("org.osgi.framework.storage", root.resolve("data").resolve("cache").toString());
        // Felix resolves on a pool of its own that it never shuts down (idle threads linger a
        // minute after stop); resolving Graft's few dozen bundles on the calling thread costs
        // nothing noticeable, and stop() then leaves no thread behind
        config.putIfAbsent("felix.resolver.parallelism", "1");
        config.put("org.osgi.framework.startlevel.beginning", Integer.toString(bundles.highestStartLevel()));
        CacheOwner cache = new CacheOwner(root, Path.of(config.get("org.osgi.framework.storage")).toAbsolutePath());
        Optional<String> foreign = cache.foreignReason();
        if (foreign.isPresent()) {
            System.out.println("graft: " + foreign.get() + "; rebuilding it from system/ and deploy/");
            rebuild(cache);
        }
        try {
            return startFramework(config, bundles, port, cache);
        } catch (LaunchException first) {
            if (foreign.isPresent() || !(first.getCause() instanceof BundleException)) {
                throw first;
            }
            // a cache the framework cannot use (corrupt, or left half-written by a crash): once more, fresh
            System.out.println("graft: the framework cache cannot be used (" + first.getMessage()
                    + "); rebuilding it from system/ and deploy/");
            rebuild(cache);
            return startFramework(config, bundles, port, cache);
        }
    }

    private static void rebuild(CacheOwner cache) throws LaunchException {
        try {
            cache.rebuild();
        } catch (IOException e) {
            throw new LaunchException("cannot remove the framework cache: " + e.getMessage(), e);
        }
    }

    private RunningGraft startFramework(Map<String, String> config, SystemBundles bundles, int port, CacheOwner cache)
            throws LaunchException {
        GraftThreads threads = new GraftThreads("graft");
        try {
            // on a thread of Graft's own group: every thread the framework and the bundles start
            // is then Graft's, and RunningGraft.stop can wait for them
            return threads.call("graft-start", () -> {
                Framework framework = frameworkFactory().newFramework(config);
                try {
                    framework.init();
                    RunningGraft running = new RunningGraft(framework, port, bundles.locations(), threads);
                    SystemContentCheck check = bundles.installInto(framework.getBundleContext(), shell, cache.systemRecord());
                    cache.claim();
                    framework.start();
                    running.contentCheck(check);
                    check.start(threads); // reads every runtime bundle: in the background, not on the start path
                    return running;
                } catch (Exception | Error e) {
                    stopQuietly(framework);
                    throw e;
                }
            });
        } catch (LaunchException e) {
            throw e;
        } catch (IOException e) {
            throw new LaunchException("cannot write to the framework cache: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new LaunchException("cannot start the framework: " + e.getMessage(), e);
        }
    }

    private static FrameworkFactory frameworkFactory() throws LaunchException {
        return ServiceLoader.load(FrameworkFactory.class, Launcher.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path"));
    }

    private static int parsePort(String text) throws LaunchException {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LaunchException("'" + text + "' is not a valid HTTP port");
        }
    }

    // the server would only log a failed bind and keep the JVM up without HTTP; fail fast instead
    private static void checkPortFree(String host, int port) throws LaunchException {
        InetSocketAddress address = new InetSocketAddress(host.trim(), port);
        if (address.isUnresolved()) {
            throw new LaunchException("'" + host + "' is not an address of this machine (" + HTTP_HOST_PROPERTY + ")");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                throw new LaunchException("port " + port + " is already in use");
            }
            throw new LaunchException("cannot listen on " + host.trim() + ":" + port + " (" + e.getMessage()
                    + "); is it an address of this machine?");
        }
    }

    private static int freePort() throws LaunchException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LaunchException("cannot find a free port: " + e.getMessage(), e);
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException | RuntimeException ignored) {
            // already failing; the first error is the one worth reporting
        }
    }
}
