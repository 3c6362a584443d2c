package dev.graft.log.internal.slf4j;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Follows the OSGi {@link LoggerFactory} service, which may come and go. {@link #current()} is a
 * volatile read: SLF4J callers such as Jetty ask "is debug enabled?" on hot paths.
 */
final class LogServiceTracker {

    private volatile LoggerFactory current;

    static LogServiceTracker forBundleOf(Class<?> type) {
        LogServiceTracker result = new LogServiceTracker();
        Bundle bundle = FrameworkUtil.getBundle(type);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            new ServiceTracker<LoggerFactory, LoggerFactory>(context, LoggerFactory.class, null) {
                @Override
                public LoggerFactory addingService(ServiceReference<LoggerFactory> reference) {
                    LoggerFactory factory = super.addingService(reference);
                    result.current = factory;
                    return factory;
                }

                @Override
                public void removedService(ServiceReference<LoggerFactory> reference, LoggerFactory factory) {
                    super.removedService(reference, factory);
                    LoggerFactory next = getService(); // another Log Service, if any
                    result.current = next == factory ? null : next;
                }
            }.open();
        }
        return result;
    }

    /** @return the Log Service, or null while there is none */
    LoggerFactory current() {
        return current;
    }
}
