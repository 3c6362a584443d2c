package dev.graft.routing.internal.drain;

import java.util.function.LongConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Releases the routes held for a module that is not coming back: when its bundle is uninstalled,
 * or stopped for good (a bundle that was being updated or refreshed is started again at once; one
 * that ends up stopped and persistently stopped will not be).
 */
public final class HoldReleaser implements SynchronousBundleListener, AutoCloseable {

    private final BundleContext context;
    private final LongConsumer release;

    public HoldReleaser(BundleContext context, LongConsumer release) {
        this.context = context;
        this.release = release;
        context.addBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.UNINSTALLED) {
            release.accept(event.getBundle().getBundleId());
        }
    }

    @Override
    public void close() {
        try {
            context.removeBundleListener(this);
        } catch (IllegalStateException alreadyStopped) {
            // the framework removes the listener itself
        }
    }
}
