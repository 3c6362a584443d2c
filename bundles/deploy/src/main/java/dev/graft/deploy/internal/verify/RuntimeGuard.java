package dev.graft.deploy.internal.verify;

import dev.graft.api.FailureCode;
import dev.graft.deploy.internal.DeployConfig;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Keeps the runtime's bundles out of reach of the ways around the deployment manager: a bundle with
 * a runtime bundle's symbolic name installed from elsewhere (the shell's {@code felix:install}) is
 * uninstalled at once, with {@code E_PROTECTED}; a runtime bundle updated from elsewhere is
 * reported, and the launcher restores it from {@code system/} at the next start. An update that
 * gives a runtime bundle back the content of its jar in {@code system/} is not reported: that is the
 * launcher's content check restoring it (which says so itself), or an operator doing the same. The
 * framework has no hook to refuse an install or an update beforehand; this is the closest a
 * supported API allows.
 *
 * <p>A component of its own, with no reference to the router: it keeps watching while the router
 * (and with it the deployment manager) is the bundle being replaced.
 */
@Component(immediate = true, service = {}, configurationPid = DeployConfig.PID)
public final class RuntimeGuard implements SynchronousBundleListener {

    private final BundleContext context;
    private final RuntimeBundles runtime;
    private final Logger logger;
    private volatile boolean upgradeAllowed;

    @Activate
    public RuntimeGuard(BundleContext context, DeployConfig config, @Reference(service = LoggerFactory.class) Logger logger) {
        this.context = context;
        this.runtime = new RuntimeBundles(context);
        this.logger = logger;
        update(config);
        if (!runtime.knowsSystemFolder()) {
            logger.warn("{}: the framework property {} is not set (Graft's launcher sets it): no bundle counts as the"
                    + " runtime's but the framework, and only the framework's names are protected",
                    FailureCode.E_PROTECTED, RuntimeBundles.SYSTEM_PROPERTY);
        }
        context.addBundleListener(this);
    }

    @Modified
    void update(DeployConfig config) {
        this.upgradeAllowed = config.runtime_upgrade_allowed();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (upgradeAllowed || bundle.getSymbolicName() == null) {
            return;
        }
        if (event.getType() == BundleEvent.INSTALLED && !runtime.isRuntime(bundle)
                && runtime.isProtected(bundle.getSymbolicName())) {
            logger.warn("{}: {}:{} installed from {} has the name of a bundle of the Graft runtime; uninstalling it",
                    FailureCode.E_PROTECTED, bundle.getSymbolicName(), bundle.getVersion(), bundle.getLocation());
            Thread uninstall = new Thread(() -> { // not inside the framework's event delivery
                try {
                    bundle.uninstall();
                } catch (BundleException | IllegalStateException e) {
                    logger.warn("{}: {} could not be uninstalled: {}", FailureCode.E_PROTECTED, bundle.getLocation(),
                            e.getMessage());
                }
            }, "graft-runtime-guard");
            uninstall.setDaemon(true);
            uninstall.start();
        } else if (event.getType() == BundleEvent.UPDATED && runtime.isRuntime(bundle) && bundle.getBundleId() != 0
                && !runtime.holdsItsSystemJar(bundle)) { // else put back from system/: the launcher's content check says so
            logger.warn("{}: the runtime bundle {} ({}) was updated from outside system/; it is restored from system/"
                    + " at the next start", FailureCode.E_PROTECTED, bundle.getSymbolicName(), bundle.getLocation());
        }
    }

    @Deactivate
    void close() {
        try {
            context.removeBundleListener(this);
        } catch (IllegalStateException alreadyStopped) {
            // the framework removes its listeners itself
        }
    }
}
