package dev.graft.deploy.internal.verify;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The runtime's own bundles, which no module may replace: the framework, and every bundle installed
 * from a {@code system/<start level>/} folder (the launcher installs {@code system/<level>/*.jar} by
 * their file URLs; a module's location is never one). Their symbolic names are protected whatever the
 * version.
 */
public final class RuntimeBundles {

    private final BundleContext context;

    public RuntimeBundles(BundleContext context) {
        this.context = context;
    }

    // file:/…/system/<N>/<name>.jar: a jar of a start-level folder (a file URI always uses '/')
    private static final Pattern SYSTEM_FOLDER = Pattern.compile("file:.*/system/[0-9]+/[^/]+\\.jar");

    /** @return true if the bundle is part of the runtime */
    public static boolean isRuntime(Bundle bundle) {
        String location = bundle.getLocation();
        return bundle.getBundleId() == 0 || Constants.SYSTEM_BUNDLE_LOCATION.equals(location)
                || SYSTEM_FOLDER.matcher(location).matches();
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
