package dev.graft.log.internal.slf4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Follows the OSGi {@link LoggerFactory} service, which may come and go, and tells loggers when to
 * ask it again for their levels.
 *
 * <p>SLF4J callers such as Jetty ask "is debug enabled?" many times per request, so that answer
 * must cost no more than a field read. Loggers keep their levels; this tracker reloads every
 * logger's when the Log Service changes and once every {@value #REFRESH_MILLIS} ms (a level changed
 * through the Log Service's LoggerAdmin, which announces nothing, takes effect within that time).
 * The ticking thread ends as this bundle stops.
 */
final class LogServiceTracker {

    static final long REFRESH_MILLIS = 1000;

    private volatile LoggerFactory current;
    private final List<OsgiLogger> loggers = new CopyOnWriteArrayList<>(); // one per name: a bounded set

    static LogServiceTracker forBundleOf(Class<?> type) {
        LogServiceTracker result = new LogServiceTracker();
        Bundle bundle = FrameworkUtil.getBundle(type);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            ServiceTracker<LoggerFactory, LoggerFactory> tracker =
                    new ServiceTracker<LoggerFactory, LoggerFactory>(context, LoggerFactory.class, null) {
                @Override
                public LoggerFactory addingService(ServiceReference<LoggerFactory> reference) {
                    LoggerFactory factory = super.addingService(reference);
                    result.changed(factory);
                    return factory;
                }

                @Override
                public void removedService(ServiceReference<LoggerFactory> reference, LoggerFactory factory) {
                    super.removedService(reference, factory);
                    LoggerFactory next = getService(); // another Log Service, if any
                    result.changed(next == factory ? null : next);
                }
            };
            tracker.open();
            Thread ticker = new Thread(() -> result.tick(bundle, tracker), "graft-log-levels");
            ticker.setDaemon(true);
            // ends as the bundle stops, not up to a tick later: a host stopping Graft waits for its threads
            context.addBundleListener((SynchronousBundleListener) event -> {
                if (event.getBundle() == bundle && event.getType() == BundleEvent.STOPPING) {
                    ticker.interrupt();
                }
            });
            ticker.start();
        }
        return result;
    }

    /** The Log Service is now this one (null: none): loggers read their levels again. */
    void changed(LoggerFactory factory) {
        current = factory;
        refresh();
    }

    /** A logger whose levels this tracker keeps current. */
    void follow(OsgiLogger logger) {
        loggers.add(logger);
    }

    /** Every logger reads its levels again, now. */
    void refresh() {
        for (OsgiLogger logger : loggers) { // a copy-on-write list: safe while loggers are added
            logger.reload();
        }
    }

    // moves the generation on until the bundle stops, then lets go of the Log Service
    private void tick(Bundle bundle, ServiceTracker<?, ?> tracker) {
        try {
            while ((bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                TimeUnit.MILLISECONDS.sleep(REFRESH_MILLIS);
                refresh();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                tracker.close();
            } catch (IllegalStateException alreadyStopped) {
                // the framework has dropped the bundle's services and listeners itself
            }
            changed(null);
        }
    }

    /** @return the Log Service, or null while there is none */
    LoggerFactory current() {
        return current;
    }
}
