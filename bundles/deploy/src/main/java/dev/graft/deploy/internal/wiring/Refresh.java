package dev.graft.deploy.internal.wiring;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Refreshes only what a removed module version was wired to: the framework restarts the bundles in
 * its dependency closure, nothing else.
 */
public final class Refresh {

    private final FrameworkWiring wiring;

    public Refresh(BundleContext context) {
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }

    /** @return the bundles a refresh of these would stop and start again, these included */
    public Collection<Bundle> closure(Collection<Bundle> bundles) {
        return wiring.getDependencyClosure(bundles);
    }

    /** Refreshes these bundles (usually one just uninstalled) and waits for the refresh to finish. */
    public void refresh(List<Bundle> bundles, long timeoutMillis) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** @return true if the bundles resolved */
    public boolean resolve(Bundle bundle) {
        return wiring.resolveBundles(List.of(bundle));
    }
}
