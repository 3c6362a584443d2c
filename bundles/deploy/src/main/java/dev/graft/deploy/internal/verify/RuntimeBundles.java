package dev.graft.deploy.internal.verify;

import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The runtime's own bundles, which no module may replace: the framework, and every bundle installed
 * from a {@code system/} folder (the launcher installs {@code system/<level>/*.jar} by their file
 * URLs). Their symbolic names are protected whatever the version.
 */
public final class RuntimeBundles {

    private final BundleContext context;

    public RuntimeBundles(BundleContext context) {
        this.context = context;
    }

    /** @return true if the bundle is part of the runtime */
    public static boolean isRuntime(Bundle bundle) {
        String location = bundle.getLocation();
        return bundle.getBundleId() == 0 || Constants.SYSTEM_BUNDLE_LOCATION.equals(location)
                || location.startsWith("file:") && location.contains("/system/") && location.endsWith(".jar");
    }

    /** @return the symbolic names no module may take */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(Set.of(Constants.SYSTEM_BUNDLE_SYMBOLICNAME));
        for (Bundle bundle : context.getBundles()) {
            if (isRuntime(bundle) && bundle.getSymbolicName() != null) {
                names.add(bundle.getSymbolicName());
            }
        }
        return names;
    }

    public boolean isProtected(String symbolicName) {
        return names().contains(symbolicName);
    }
}
