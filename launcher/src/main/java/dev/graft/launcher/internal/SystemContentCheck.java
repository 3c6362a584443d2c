package dev.graft.launcher.internal;

import dev.graft.launcher.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Checks, off the start path, that each runtime bundle the framework kept in its cache still has
 * the content of its jar in {@code system/}: a jar replaced or corrupted in the cache behind the
 * framework's back keeps its last-modified time, so the start-up check cannot see it. The content is
 * read entry by entry through the framework ({@link BundleContent}) — about a second for the whole
 * runtime, too slow for the start — on one daemon thread of low priority, once the framework has
 * reached its start level, at every start. A bundle that differs is updated from its jar, with one
 * line, and the record is written again.
 *
 * <p>The thread is one of Graft's ({@link GraftThreads}) and looks at the framework's state before
 * every entry: when Graft stops it ends within an entry's read, so {@code RunningGraft.stop} leaves
 * no thread behind.
 */
public final class SystemContentCheck {

    /** A runtime bundle the framework kept, as the start-up check left it. */
    record Target(String location, Path jar, long lastModified) {}

    private final BundleContext context;
    private final Bundle framework; // its state can be asked after the framework stopped, unlike the context
    private final SystemRecord record;
    private final List<Target> targets;
    private final CountDownLatch startLevelReached = new CountDownLatch(1);
    private final CountDownLatch go = new CountDownLatch(1);
    private volatile boolean done;
    private final FrameworkListener listener = event -> {
        if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
            startLevelReached.countDown();
        }
    };

    /** Call before the framework starts: it waits for the framework's start level. */
    SystemContentCheck(BundleContext context, SystemRecord record, List<Target> targets) {
        this.context = context;
        this.framework = context.getBundle();
        this.record = record;
        this.targets = List.copyOf(targets);
        this.done = this.targets.isEmpty();
        if (!done) {
            context.addFrameworkListener(listener);
        }
    }

    /**
     * @return whether the check has ended (or had nothing to check): until then a runtime bundle
     *     that is not active may be one it is about to restore, or is restoring, so readiness waits
     */
    public boolean done() {
        return done;
    }

    /**
     * Lets the check begin now: called once Graft is ready (the start-up line is not delayed by the
     * check's reads, about a second of CPU), or as soon as a runtime bundle did not start (it may be
     * one changed in the cache). Without either, it begins {@value #GO_AFTER_MILLIS} ms after the
     * framework reached its start level (a host that never asks whether Graft is ready).
     */
    public void go() {
        go.countDown();
    }

    /**
     * As {@link #go()}, a second later: called when Graft is ready, so that the start-up line and
     * whoever reads it get the CPU first.
     */
    public void goSoon() {
        delayMillis = AFTER_READY_MILLIS;
        go.countDown();
    }

    static final long AFTER_READY_MILLIS = 1_000;
    private volatile long delayMillis;

    static final long GO_AFTER_MILLIS = 10_000;

    /** Starts the check on a daemon thread of Graft's; it ends when done or when the framework stops. */
    public void start(GraftThreads threads) {
        if (!targets.isEmpty()) {
            threads.startDaemon("graft-system-check", Thread.MIN_PRIORITY, this::run);
        }
    }

    /** The check, on the calling thread: waits for the framework's start level, then checks each bundle. */
    void run() {
        if (targets.isEmpty()) {
            return;
        }
        try {
            while (!startLevelReached.await(50, TimeUnit.MILLISECONDS)) {
                if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                    return;
                }
            }
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GO_AFTER_MILLIS);
            while (!go.await(50, TimeUnit.MILLISECONDS) && System.nanoTime() - until < 0) {
                if (!running()) {
                    return;
                }
            }
            long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            while (System.nanoTime() - begin < 0) {
                if (!running()) {
                    return;
                }
                Thread.sleep(50);
            }
            for (Target target : targets) {
                if (!running()) {
                    return;
                }
                check(target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done = true;
            try {
                context.removeFrameworkListener(listener);
            } catch (IllegalStateException stopped) {
                // the framework drops its listeners itself
            }
        }
    }

    private void check(Target target) throws InterruptedException {
        try {
            Bundle bundle = context.getBundle(target.location());
            if (bundle == null || bundle.getLastModified() != target.lastModified()) {
                return; // updated since the start: the start-up check of the next start judges it
            }
            if (BundleContent.compare(bundle, target.jar(), this::running) != BundleContent.Result.DIFFERENT || !running()) {
                return;
            }
            String sha256 = SystemRecord.sha256(target.jar());
            Optional<String> recorded = record.get(target.location()).map(SystemRecord.Entry::sha256);
            String name = bundle.getSymbolicName() + ":" + bundle.getVersion();
            System.out.println(recorded.isPresent() && !recorded.get().equals(sha256)
                    ? "graft: " + name + " differs from " + target.jar() + ", which was changed since Graft installed it;"
                            + " updating it from system/"
                    : "graft: E_PROTECTED: " + name + " in the framework cache is not the one Graft installed from "
                            + target.jar() + " (its content was changed in the cache); restoring it from system/");
            try (InputStream in = Files.newInputStream(target.jar())) {
                bundle.update(in);
            }
            FrameworkWiring wiring = framework.adapt(FrameworkWiring.class);
            if (wiring.getRemovalPendingBundles().contains(bundle)) {
                // bundles wired to the changed content: to the restored one; done only once they are back
                CountDownLatch refreshed = new CountDownLatch(1);
                wiring.refreshBundles(List.of(bundle), event -> refreshed.countDown());
                while (!refreshed.await(50, TimeUnit.MILLISECONDS) && running()) {
                    // waiting for the refresh, or for the framework to stop
                }
            }
            record.put(target.location(), bundle, sha256);
            record.save();
        } catch (IOException | BundleException | LaunchException | IllegalStateException e) {
            if (running()) {
                System.out.println("graft: cannot check " + target.jar() + " against the framework cache: " + e.getMessage());
            }
        }
    }

    private boolean running() {
        return framework.getState() == Bundle.ACTIVE;
    }
}
