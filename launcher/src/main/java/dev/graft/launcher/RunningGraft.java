package dev.graft.launcher;

import dev.graft.launcher.internal.GraftThreads;
import dev.graft.launcher.internal.SharedPackages;
import dev.graft.launcher.internal.SystemBundles;
import dev.graft.launcher.internal.SystemContentCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * A Graft started by {@link Launcher}: wait for it to be ready, look up its services, stop it.
 * Thread safe.
 */
public final class RunningGraft {

    /** How long stop() waits for Graft's daemon threads, beyond the framework's stop. */
    private static final long DAEMON_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Framework framework;
    private final GraftThreads threads;
    private final int httpPort;
    private final Set<String> systemLocations;
    private final CountDownLatch startLevelReached = new CountDownLatch(1);
    private final Map<Long, Throwable> startFailures = new ConcurrentHashMap<>();
    private volatile boolean routerAnswered;
    private volatile SystemContentCheck contentCheck;

    RunningGraft(Framework framework, int httpPort, Set<String> systemLocations, GraftThreads threads) {
        this.framework = framework;
        this.threads = threads;
        this.httpPort = httpPort;
        this.systemLocations = Set.copyOf(systemLocations);
        framework.getBundleContext().addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED) {
                startLevelReached.countDown();
            } else if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null) {
                startFailures.put(event.getBundle().getBundleId(), event.getThrowable());
            }
        });
        Thread warmUp = new Thread(this::warmUpProbes, "graft-ready-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * The framework starts its bundles on the caller of {@code start()}, so {@link #awaitReady} can
     * only begin once the last start level is reached — often just as the modules serve. Its first
     * questions would then be slow (the HTTP client here and the paths that answer have not run in
     * this JVM yet) and the line late. This thread asks the router and the health service once each
     * as soon as the router answers, while the last start levels still start, and then ends.
     */
    private void warmUpProbes() {
        RouterProbe router = routerProbe();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() - deadline < 0 && startLevelReached.getCount() > 0
                    && (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                if (router.serves()) {
                    routerAnswered = true;
                    whyNotReady();
                    return;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException | RuntimeException e) {
            // only a warm-up: awaitReady asks again and reports
        }
    }

    /** The launcher's check of the runtime bundles' content, which may restore one while Graft starts. */
    void contentCheck(SystemContentCheck check) {
        this.contentCheck = check;
    }

    /** @return the HTTP port Graft serves on */
    public int httpPort() {
        return httpPort;
    }

    /** @return the framework's system bundle context, for embedding products that need more */
    public BundleContext bundleContext() {
        return framework.getBundleContext();
    }

    /**
     * Waits until Graft is ready: the framework has reached its start level, every runtime bundle is
     * active (the shell's console only if {@link Launcher#shell(boolean) asked for}), the router
     * serves, and — when Graft's health service runs (the {@code dev.graft.metrics} bundle) — it
     * says ready, as {@code GET /health/ready} would: every module in {@code deploy/} is active and
     * serving, no deployment is under way and every module health check passes. Without the health
     * service, the router answering is the signal. Returns within about 5 ms of Graft being ready.
     *
     * @throws NotReadyException if everything started but the health service did not say ready
     *     in time; the message lists why. Graft keeps running.
     * @throws LaunchException if the time runs out or a runtime bundle failed to start; the
     *     message names the bundle and the reason
     */
    public void awaitReady(Duration timeout) throws LaunchException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RouterProbe router = routerProbe();
        boolean routerAnswers = routerAnswered; // once is enough: the warm-up may have seen it
        String notReady = "the framework has not reached its start level";
        while (true) {
            boolean levelReached = startLevelReached.getCount() == 0;
            SystemContentCheck check = contentCheck;
            if (levelReached && (check == null || check.done())) {
                // while the content check runs, a runtime bundle not active may be one it restores
                throwIfARuntimeBundleDidNotStart();
            } else if (levelReached && !runtimeBundlesNotActive().isEmpty()) {
                check.go(); // a runtime bundle did not start: perhaps changed in the cache; check now
            }
            if (!routerAnswers) {
                routerAnswers = router.serves();
            }
            if (routerAnswers && levelReached) {
                notReady = whyNotReady();
                if (notReady == null) {
                    if (check != null) {
                        check.goSoon(); // after the start-up line: its reads do not slow the start
                    }
                    return;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                if (!levelReached) {
                    throw new LaunchException("Graft did not start within " + timeout.toSeconds() + " s");
                }
                if (!routerAnswers) {
                    throw new LaunchException("Graft's router does not answer on " + router.url + " (" + router.last
                            + "): the HTTP server runs without it; is dev.graft.routing replaced or not started?");
                }
                throw new NotReadyException("Graft is not ready after " + timeout.toSeconds() + " s: " + notReady);
            }
            try {
                if (levelReached) {
                    Thread.sleep(PROBE_INTERVAL_MILLIS);
                } else {
                    startLevelReached.await(PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS); // returns when it is reached
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for Graft to be ready");
            }
        }
    }

    private void throwIfARuntimeBundleDidNotStart() throws LaunchException {
        List<String> failed = runtimeBundlesNotActive();
        if (!failed.isEmpty()) {
            throw new LaunchException(String.join("; ", failed));
        }
    }

    /** @return each runtime bundle that should be active and is not, with why */
    private List<String> runtimeBundlesNotActive() {
        List<String> failed = new ArrayList<>();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (systemLocations.contains(bundle.getLocation()) && !SystemBundles.isFragment(bundle)
                    && bundle.adapt(BundleStartLevel.class).isPersistentlyStarted() // not the console when headless
                    && bundle.getState() != Bundle.ACTIVE) {
                Throwable why = startFailures.get(bundle.getBundleId());
                failed.add(bundle.getSymbolicName() + ":" + bundle.getVersion()
                        + (why == null ? " is not active" : " did not start: " + rootMessage(why)));
            }
        }
        return failed;
    }

    // how often the router and the health service are asked while Graft starts: "Graft started" is
    // promised no later than 100 ms after every module serves; asking costs well under a millisecond
    private static final long PROBE_INTERVAL_MILLIS = 5;

    /** Framework property naming the management port that serves {@code /health/*} instead of the HTTP port. */
    public static final String MANAGEMENT_PORT_PROPERTY = "graft.management.port";

    private static final String HEALTH_SERVICE = "dev.graft.api.health.HealthService";
    private static final String DEPLOYMENT_SERVICE = "dev.graft.api.deploy.DeploymentService";
    private static final String DEPLOY_BUNDLE = "dev.graft.deploy";

    /**
     * Ready means serving: Graft's router answers a request for a path no module serves with its own
     * JSON {@code E_NO_ROUTE}. Any other answer means the HTTP server runs without Graft's router
     * (it did not start, or a bundle replaced it).
     */
    private RouterProbe routerProbe() {
        String host = framework.getBundleContext().getProperty(Launcher.HTTP_HOST_PROPERTY);
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return new RouterProbe("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort + "/.graft/ready-probe");
    }

    /**
     * Ready means ready: Graft's health service — what {@code GET /health/ready} answers — says so.
     * It is asked here, in this JVM, rather than over HTTP: the router's answer has shown that HTTP
     * serves, and a request made while the modules start waits its turn among busy threads for
     * tens of milliseconds, which the line would come late by. Without it (no {@code dev.graft.metrics}
     * bundle, as some embedders run) the deployment manager, if there is one, must have nothing
     * queued or running: what {@code deploy/} holds has been deployed. Services are looked up by name
     * and called through their interfaces in {@code dev.graft.api}: the launcher shares no class
     * with Graft's bundles.
     *
     * @return null if ready, else why not, one line
     */
    private String whyNotReady() {
        BundleContext context = framework.getBundleContext();
        if (context == null) {
            return "the framework has stopped";
        }
        try {
            ServiceReference<?> health = anyReference(context, HEALTH_SERVICE);
            if (health != null) {
                Object report = call(context, health, HEALTH_SERVICE, "ready");
                if (report == null || report.getClass().getField("ready").getBoolean(report)) {
                    return null;
                }
                Object reasons = report.getClass().getField("reasons").get(report);
                return reasons instanceof List<?> list && !list.isEmpty()
                        ? String.join("; ", list.stream().map(String::valueOf).toList()) : "not ready";
            }
            ServiceReference<?> deployments = anyReference(context, DEPLOYMENT_SERVICE);
            if (deployments == null) { // Declarative Services may activate it just after the start level is reached
                return systemBundle(context, DEPLOY_BUNDLE) ? "the deployment manager " + DEPLOY_BUNDLE
                        + " is not running yet: deploy/ is not read" : null;
            }
            Object pending = call(context, deployments, DEPLOYMENT_SERVICE, "pendingDeployments");
            return pending instanceof Integer count && count > 0 ? count + " deployment(s) queued or running" : null;
        } catch (ReflectiveOperationException | InvalidSyntaxException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            return "asking Graft whether it is ready failed: " + cause;
        }
    }

    // whichever class the host has of that name: getServiceReference would hide a service whose
    // package the host does not share (its own copy on the class path is another class), and the
    // service is only called by reflection here
    private static ServiceReference<?> anyReference(BundleContext context, String name) throws InvalidSyntaxException {
        ServiceReference<?>[] all = context.getAllServiceReferences(name, null);
        ServiceReference<?> best = null;
        for (ServiceReference<?> reference : all == null ? new ServiceReference<?>[0] : all) {
            if (best == null || reference.compareTo(best) > 0) { // the highest ranking, as getServiceReference picks
                best = reference;
            }
        }
        return best;
    }

    private boolean systemBundle(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && systemLocations.contains(bundle.getLocation())) {
                return true;
            }
        }
        return false;
    }

    // calls a method without parameters of a service, through its interface of that name; null if the service went away
    private static Object call(BundleContext context, ServiceReference<?> reference, String interfaceName, String method)
            throws ReflectiveOperationException {
        Object service = context.getService(reference);
        if (service == null) {
            return null;
        }
        try {
            return implemented(service.getClass(), interfaceName).getMethod(method).invoke(service);
        } finally {
            context.ungetService(reference);
        }
    }

    private static Class<?> implemented(Class<?> type, String interfaceName) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(interfaceName)) {
                    return implemented;
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + " does not implement " + interfaceName);
    }

    /** Asks the router, over and over while Graft starts; remembers what it answered last. */
    private static final class RouterProbe {

        final String url;
        String last = "no answer";

        RouterProbe(String url) {
            this.url = url;
        }

        boolean serves() {
            try {
                java.net.HttpURLConnection probe = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
                probe.setConnectTimeout(1000);
                probe.setReadTimeout(2000);
                probe.setRequestProperty("Connection", "close");
                int status = probe.getResponseCode();
                java.io.InputStream body = status >= 400 ? probe.getErrorStream() : probe.getInputStream();
                String text = body == null ? "" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                String module = probe.getHeaderField("Graft-Module");
                String type = probe.getContentType();
                probe.disconnect();
                last = status + " " + (type == null ? "" : type);
                return status == 404 && text.contains("\"E_NO_ROUTE\"") || module != null;
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
                return false;
            }
        }
    }

    /**
     * Looks up a service of Graft or of a module, by a class the host shares with them (see
     * {@link Launcher#systemPackagesExtra}).
     *
     * @return a service of the given type, if one is registered now
     * @throws IllegalStateException if one is registered but under another class of that name —
     *     its package is not shared, so the host's class and the bundles' are two different ones;
     *     the message says which package to share, at which version
     */
    public <T> Optional<T> service(Class<T> type) {
        BundleContext context = framework.getBundleContext();
        if (context == null) {
            return Optional.empty();
        }
        ServiceReference<T> reference = context.getServiceReference(type);
        if (reference != null) {
            return Optional.ofNullable(context.getService(reference));
        }
        ServiceReference<?>[] unshared;
        try {
            unshared = context.getAllServiceReferences(type.getName(), null);
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalArgumentException(impossible); // no filter given
        }
        if (unshared != null) {
            throw new IllegalStateException(SharedPackages.notShared(type, unshared[0]));
        }
        return Optional.empty();
    }

    /** @return true until the framework has stopped */
    public boolean isRunning() {
        return (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0;
    }

    /**
     * Stops every bundle, in reverse start-level order, then the framework, and waits for the
     * threads Graft started to end.
     *
     * <p>When this returns {@code true}, every bundle has stopped, the HTTP port is closed and no
     * thread Graft started is left that would keep the JVM up: the host's {@code main} can simply
     * return. Graft's daemon threads are waited for as well, up to two seconds of the time.
     *
     * @param timeout how long to wait for all of it
     * @return true if the framework stopped and Graft's non-daemon threads ended within the time
     */
    public boolean stop(Duration timeout) throws LaunchException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // from a thread of Graft's own: the framework's shutdown thread is then one it waits for
            boolean stopped = threads.call("graft-stop", () -> {
                framework.stop();
                return framework.waitForStop(Math.max(1, timeout.toMillis())).getType() != FrameworkEvent.WAIT_TIMEDOUT;
            });
            List<Thread> left = threads.awaitEnd(deadline, DAEMON_GRACE_NANOS);
            return stopped && left.stream().allMatch(Thread::isDaemon);
        } catch (BundleException e) {
            throw new LaunchException("cannot stop the framework: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            throw new LaunchException("cannot stop the framework: " + e.getMessage(), e);
        }
    }

    /**
     * @return after a {@link #stop} that ran out of time, the bundles that held it up, as
     *     {@code bsn:version (STATE)}: those stuck starting or stopping, else those still active
     */
    public List<String> notStopped() {
        List<String> changing = new ArrayList<>();
        List<String> active = new ArrayList<>();
        BundleContext context = framework.getBundleContext();
        for (Bundle bundle : context == null ? new Bundle[0] : context.getBundles()) {
            String id = bundle.getSymbolicName() + ":" + bundle.getVersion();
            switch (bundle.getState()) {
                case Bundle.STARTING -> changing.add(id + " (STARTING)");
                case Bundle.STOPPING -> changing.add(id + " (STOPPING)");
                case Bundle.ACTIVE -> active.add(id + " (ACTIVE)");
                default -> { }
            }
        }
        // a bundle stuck starting or stopping holds up the rest; only when none is, the active ones
        return changing.isEmpty() ? active : changing;
    }

    /** Blocks until the framework stops, however it is stopped (shell {@code exit}, {@link #stop}, a bundle). */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
