package dev.graft.deploy.internal.leak;

import dev.graft.api.deploy.dto.LeakReportDTO;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;

/**
 * Sees every module version the framework retires — uninstalled (by the deployment manager or by
 * any other means) or replaced by an update — and tracks its class loader in {@link RetiredRevisions}.
 * Synchronous: at {@code UNINSTALLED} the revisions are still wired (the refresh that disposes of
 * them comes later), so their class loaders can be taken through {@link BundleRevisions}
 * ({@code adapt(BundleWiring.class)} answers null once a bundle is uninstalled).
 *
 * <p>A few seconds after a retirement, a version whose threads still run is logged at WARN.
 */
public final class RetirementListener implements SynchronousBundleListener {

    /** How long a retired version's threads get to end before they are reported. */
    static final long THREAD_GRACE_MILLIS = 5_000;

    private final BundleContext context;
    private final RetiredRevisions retired;
    private final ScheduledExecutorService scheduler;
    private final Logger logger;

    public RetirementListener(BundleContext context, RetiredRevisions retired, ScheduledExecutorService scheduler,
            Logger logger) {
        this.context = context;
        this.retired = retired;
        this.scheduler = scheduler;
        this.logger = logger;
    }

    public void open() {
        context.addBundleListener(this);
    }

    public void close() {
        try {
            context.removeBundleListener(this);
        } catch (IllegalStateException stopped) {
            // the bundle is stopping: its listeners go anyway
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (bundle.getBundleId() == 0) {
            return;
        }
        if (event.getType() == BundleEvent.UNINSTALLED) {
            retire(bundle, false);
        } else if (event.getType() == BundleEvent.UPDATED) {
            retire(bundle, true);
        }
    }

    // on the thread that uninstalls or updates: quick, and never throws into the framework
    private void retire(Bundle bundle, boolean keepCurrent) {
        try {
            BundleRevisions revisions = bundle.adapt(BundleRevisions.class);
            if (revisions == null) {
                return;
            }
            List<BundleRevision> all = revisions.getRevisions(); // the current one first
            for (BundleRevision revision : keepCurrent ? all.subList(Math.min(1, all.size()), all.size()) : all) {
                BundleWiring wiring = revision.getWiring();
                ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
                if (loader == null) {
                    continue; // never resolved: it loaded nothing
                }
                Retired tracked = retired.retire(bundle.getBundleId(), revision.getSymbolicName(),
                        revision.getVersion().toString(), loader, classNames(wiring));
                if (tracked != null) {
                    scheduler.schedule(() -> warnIfThreadsRun(tracked), THREAD_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (RuntimeException e) {
            logger.warn("the leak check cannot track {}: {}", bundle, e.toString());
        }
    }

    private void warnIfThreadsRun(Retired tracked) {
        List<String> threads = retired.threadsHolding(tracked, this::liveClass);
        if (!threads.isEmpty()) {
            logger.warn("leak: {} was retired {} s ago but {} still {}: {}; it stays in memory (graft:leaks)",
                    tracked.id(), THREAD_GRACE_MILLIS / 1000, threads.size() == 1 ? "a thread" : threads.size() + " threads",
                    threads.size() == 1 ? "runs" : "run", String.join(", ", threads));
        }
    }

    /** @see RetiredRevisions#inMemory */
    public int inMemory() {
        return retired.inMemory();
    }

    /** @see RetiredRevisions#check */
    public LeakReportDTO check() {
        Set<Long> pending = new HashSet<>();
        Collection<Bundle> removalPending = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
                .adapt(FrameworkWiring.class).getRemovalPendingBundles();
        removalPending.forEach(bundle -> pending.add(bundle.getBundleId()));
        return retired.check(pending, this::liveClass);
    }

    // a class of this name in a live version of the module (the version that replaced the retired one)
    private boolean liveClass(String module, String className) {
        String entry = className.replace('.', '/') + ".class";
        for (Bundle bundle : context.getBundles()) {
            if (module.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED
                    && bundle.getEntry(entry) != null) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> classNames(BundleWiring wiring) {
        Set<String> names = new HashSet<>();
        Collection<String> resources = wiring.listResources("/", "*.class",
                BundleWiring.LISTRESOURCES_LOCAL | BundleWiring.LISTRESOURCES_RECURSE);
        if (resources != null) {
            for (String resource : resources) {
                names.add(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
            }
        }
        return names;
    }
}
