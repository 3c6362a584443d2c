package dev.graft.containment.internal.weave;

import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * Which bundles are the runtime's own and keep their classes as they are; every other bundle is a
 * module, and its classes are woven.
 *
 * <p>The runtime's own are the system bundle (the framework; its classes are not loaded by a bundle
 * class loader and never reach a weaving hook anyway) and the bundles installed from a jar in a
 * {@code system/<start level>/} folder: where the launcher installs the distribution's bundles from
 * (their location is the jar's {@code file:} URI), and where Graft's integration tests install them
 * from too. A module cannot get such a location through {@code deploy/}, the shell or the admin API:
 * the deployment manager chooses the location of what it installs.
 *
 * <p>Not "the bundles already installed when this bundle started": modules stay in the framework cache
 * across a restart and are installed again before the runtime's bundles start, so after the first
 * restart that rule would let every deployed module end the JVM.
 *
 * <p>Bundles an embedding product adds to the launcher are modules under this rule: a product ends
 * Graft by stopping it, not through {@code System.exit} in a bundle.
 */
final class RuntimeBundles {

    // file:/…/system/<N>/<name>.jar, on every platform (a file URI always uses '/')
    private static final Pattern SYSTEM_FOLDER = Pattern.compile("file:.*/system/[0-9]+/[^/]+\\.jar");

    private RuntimeBundles() {}

    /** @return whether the bundle is the framework or one of the runtime's own bundles, not a module */
    static boolean isRuntime(Bundle bundle) {
        return bundle.getBundleId() == 0 || Constants.SYSTEM_BUNDLE_LOCATION.equals(bundle.getLocation())
                || isSystemFolder(bundle.getLocation());
    }

    /** @return whether the location is a jar in a {@code system/<start level>/} folder */
    static boolean isSystemFolder(String location) {
        return location != null && SYSTEM_FOLDER.matcher(location).matches();
    }
}
