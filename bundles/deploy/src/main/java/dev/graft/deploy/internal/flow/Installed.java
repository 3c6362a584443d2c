package dev.graft.deploy.internal.flow;

import java.util.Arrays;
import java.util.Comparator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

/** Finds installed module versions by name and version, through the framework's bundle list. */
final class Installed {

    /** Locations of bundles the manager installed: {@code graft:deploy:<sha256>}. */
    static final String LOCATION_PREFIX = "graft:deploy:";

    private final BundleContext context;

    Installed(BundleContext context) {
        this.context = context;
    }

    /** @return the installed bundle of this module version, or null */
    Bundle find(String module, String version) {
        if (version == null) {
            return null;
        }
        Version wanted = Version.parseVersion(version);
        return Arrays.stream(context.getBundles())
                .filter(b -> module.equals(b.getSymbolicName()) && wanted.equals(b.getVersion()))
                .filter(b -> b.getState() != Bundle.UNINSTALLED)
                .findFirst().orElse(null);
    }

    /**
     * @return the version that serves a module the manager has no record of (installed by hand, by
     *     an older Graft or an embedding product): its highest active bundle, or null
     */
    Bundle adoptable(String module) {
        return adoptable(module, -1);
    }

    /** @return as {@link #adoptable(String)}, within one major version (-1: any) */
    Bundle adoptable(String module, int major) {
        return Arrays.stream(context.getBundles())
                .filter(b -> module.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE)
                .filter(b -> major < 0 || b.getVersion().getMajor() == major)
                .max(Comparator.comparing(Bundle::getVersion)).orElse(null);
    }

    static String location(String sha256) {
        return LOCATION_PREFIX + sha256;
    }
}
