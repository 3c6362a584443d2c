package dev.graft.launcher;

import dev.graft.launcher.internal.GraftThreads;
import dev.graft.launcher.internal.SharedPackages;
import dev.graft.launcher.internal.SystemBundles;
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
     * serves, and — when Graft's health service runs (the {@code dev.graft.metrics} bundle) —
     * {@code GET /health/ready} answers 200: every module in {@code deploy/} is active and serving,
     * no deployment is under way and every module health check passes. The endpoint is asked on the
     * HTTP port, or on the management port if the framework property {@value #MANAGEMENT_PORT_PROPERTY}
     * is set. Without the health service, the router answering is the signal.
     *
     * @throws NotReadyException if everything started but {@code /health/ready} did not answer 200
     *     in time; the message lists why. Graft keeps running.
     * @throws LaunchException if the time runs out or a runtime bundle failed to start; the
     *     message names the bundle and the reason
     */
    public void awaitReady(Duration timeout) throws LaunchException {
        try {
            if (!startLevelReached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LaunchException("Graft did not start within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for Graft to start");
        }
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
        if (!failed.isEmpty()) {
            throw new LaunchException(String.join("; ", failed));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitRouter(timeout);
        awaitHealth(deadline, timeout);
    }

    /** Framework property naming the management port that serves {@code /health/*} instead of the HTTP port. */
    public static final String MANAGEMENT_PORT_PROPERTY = "graft.management.port";

    private static final String HEALTH_SERVICE = "dev.graft.api.health.HealthService";

    /**
     * Ready means ready: {@code /health/ready} answers 200. A 404 from the router ({@code E_NO_ROUTE})
     * with no health service registered means Graft runs without its metrics bundle (embedding):
     * the router answering is then the signal. The service is looked up by name only: the launcher
     * shares no class with Graft's bundles.
     */
    private void awaitHealth(long deadline, Duration timeout) throws LaunchException {
        BundleContext context = framework.getBundleContext();
        String management = context.getProperty(MANAGEMENT_PORT_PROPERTY);
        String host = management == null || management.isBlank() ? context.getProperty(Launcher.HTTP_HOST_PROPERTY)
                : context.getProperty("graft.management.host");
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        int port = management == null || management.isBlank() ? httpPort : Integer.parseInt(management.trim());
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/health/ready";
        String last = "no answer";
        while (true) {
            try {
                java.net.HttpURLConnection probe = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
                probe.setConnectTimeout(1000);
                probe.setReadTimeout(10_000); // the endpoint bounds its health checks by their timeouts
                probe.setRequestProperty("Connection", "close");
                int status = probe.getResponseCode();
                java.io.InputStream body = status >= 400 ? probe.getErrorStream() : probe.getInputStream();
                String text = body == null ? "" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                probe.disconnect();
                if (status == 200) {
                    return;
                }
                if (status == 404 && text.contains("\"E_NO_ROUTE\"") && context.getServiceReference(HEALTH_SERVICE) == null) {
                    return;
                }
                last = status == 503 ? reasons(text) : status + " from " + url;
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage() + " (" + url + ")";
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NotReadyException("Graft is not ready after " + timeout.toSeconds() + " s: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for Graft to be ready");
            }
        }
    }

    // the "reasons" array of the endpoint's JSON, as one line
    private static String reasons(String json) {
        int start = json.indexOf("\"reasons\":[");
        int end = start < 0 ? -1 : json.indexOf(']', start);
        if (start < 0 || end < 0) {
            return "/health/ready answers 503";
        }
        return json.substring(start + "\"reasons\":[".length(), end).replace("\",\"", "; ").replace("\"", "");
    }

    /**
     * Ready means serving: Graft's router answers a request for a path no module serves with its own
     * JSON {@code E_NO_ROUTE}. Any other answer means the HTTP server runs without Graft's router
     * (it did not start, or a bundle replaced it).
     */
    private void awaitRouter(Duration timeout) throws LaunchException {
        String host = framework.getBundleContext().getProperty(Launcher.HTTP_HOST_PROPERTY);
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort + "/.graft/ready-probe";
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
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
                if (status == 404 && text.contains("\"E_NO_ROUTE\"") || module != null) {
                    return;
                }
                last = status + " " + (type == null ? "" : type);
            } catch (java.io.IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new LaunchException("Graft's router does not answer on " + url + " (" + last + "): the HTTP server"
                        + " runs without it; is dev.graft.routing replaced or not started?");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for Graft's router");
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
