package dev.graft.containment.internal;

import dev.graft.containment.internal.weave.ExitWeavingHook;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Registers the {@link ExitWeavingHook}. A plain activator, not a component: the hook must be in place
 * when this bundle's start level is reached (2, before any module's class can load), whether or not
 * Declarative Services has started yet.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {

    private ServiceTracker<LoggerFactory, LoggerFactory> logs;
    private ServiceRegistration<WeavingHook> hook;

    @Override
    public void start(BundleContext context) {
        logs = new ServiceTracker<>(context, LoggerFactory.class, null);
        logs.open();
        hook = context.registerService(WeavingHook.class, new ExitWeavingHook(context.getBundle().getBundleId(),
                context.getProperty("graft.system"), this::info), null);
    }

    @Override
    public void stop(BundleContext context) {
        hook.unregister();
        logs.close();
    }

    private void info(String line) {
        LoggerFactory factory = logs.getService();
        if (factory != null) {
            factory.getLogger(ExitWeavingHook.class.getName(), Logger.class).info(line);
        }
    }
}
