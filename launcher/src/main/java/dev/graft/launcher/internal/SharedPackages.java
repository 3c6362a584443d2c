package dev.graft.launcher.internal;

import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Explains why the host cannot use a service that is registered: the service's class comes from a
 * bundle, not from the host's class path, because the host does not share its package.
 */
public final class SharedPackages {

    private SharedPackages() {}

    /**
     * @param type the class the host asked for
     * @param reference a service registered under that class name, which the framework would not
     *     hand to the host
     * @return one line saying which bundle's class it is and how to share the package
     */
    public static String notShared(Class<?> type, ServiceReference<?> reference) {
        String pkg = type.getPackageName();
        BundleCapability export = exportSeenBy(reference.getBundle(), pkg);
        String version = export == null ? null
                : Objects.toString(export.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE), null);
        Bundle exporter = export == null ? null : export.getRevision().getBundle();
        return "a " + type.getName() + " service is registered, but its class is "
                + (exporter == null ? "another" : "the one of bundle " + exporter.getSymbolicName() + ":" + exporter.getVersion())
                + ", not the host's: share the package with Launcher.systemPackagesExtra(\"" + pkg
                + (version == null ? "" : ";version=" + version) + "\") and put its jar on the host's class path"
                + " (docs/embedding.md)";
    }

    // the export of the package that the registering bundle is wired to, or its own
    private static BundleCapability exportSeenBy(Bundle bundle, String pkg) {
        BundleWiring wiring = bundle == null ? null : bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return null;
        }
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (pkg.equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return wire.getCapability();
            }
        }
        for (BundleCapability own : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (pkg.equals(own.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return own;
            }
        }
        return null;
    }
}
