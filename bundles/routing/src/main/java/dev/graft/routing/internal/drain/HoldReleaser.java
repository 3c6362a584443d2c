package dev.graft.routing.internal.drain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Decides, from bundle events, when a module whose routes are held is not coming back, and then
 * releases its holds (requests waiting for it get 404 instead of waiting out the hold).
 *
 * <p>A route withdrawn while its bundle stops is held. An update or a refresh stops the bundle and
 * then, on the same thread, unresolves it ({@code UNRESOLVED}, {@code UPDATED}) before starting
 * the new revision; a plain stop is followed by nothing. So: {@code STOPPED} not followed by
 * either within a short grace means a plain stop; {@code UNINSTALLED} means gone.
 */
public final class HoldReleaser implements SynchronousBundleListener, AutoCloseable {

    private static final long GRACE_MILLIS = 100;

    private final BundleContext context;
    private final LongConsumer release;
    private final Map<Long, Long> stoppedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "graft-route-holds");
        thread.setDaemon(true);
        return thread;
    });

    public HoldReleaser(BundleContext context, LongConsumer release) {
        this.context = context;
        this.release = release;
        context.addBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        long id = event.getBundle().getBundleId();
        switch (event.getType()) {
            case BundleEvent.STOPPED -> {
                long stamp = System.nanoTime();
                stoppedAt.put(id, stamp);
                timer.schedule(() -> {
                    if (stoppedAt.remove(id, stamp)) {
                        release.accept(id);
                    }
                }, GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
            case BundleEvent.UNRESOLVED, BundleEvent.UPDATED, BundleEvent.STARTED -> stoppedAt.remove(id);
            case BundleEvent.UNINSTALLED -> {
                stoppedAt.remove(id);
                release.accept(id);
            }
            default -> { }
        }
    }

    @Override
    public void close() {
        try {
            context.removeBundleListener(this);
        } catch (IllegalStateException alreadyStopped) {
            // the framework removes the listener itself
        }
        timer.shutdownNow();
    }
}
