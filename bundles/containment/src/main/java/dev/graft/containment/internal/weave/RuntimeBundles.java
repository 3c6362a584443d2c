package dev.graft.containment.internal.weave;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * Which bundles are the runtime's own and keep their classes as they are; every other bundle is a
 * module, and its classes are woven.
 *
 * <p>The runtime's own are the system bundle (the framework; its classes are not loaded by a bundle
 * class loader and never reach a weaving hook anyway) and the bundles installed from an existing jar
 * of a start-level folder of this Graft home's {@code system/} folder — the folder the launcher names
 * in the framework property {@value #SYSTEM_PROPERTY}, where it installs the distribution's bundles
 * from (their location is the jar's {@code file:} URI); Graft's integration tests set it to the
 * folder they install them from. Not any folder called {@code system}: {@code felix:install
 * file:/tmp/x/system/4/a.jar}, or a module calling {@code installBundle} with a location of its
 * choosing, would otherwise get a bundle that may end the JVM. Without the property no bundle is the
 * runtime's (fail closed: every bundle's classes are woven).
 *
 * <p>Not "the bundles already installed when this bundle started": modules stay in the framework cache
 * across a restart and are installed again before the runtime's bundles start, so after the first
 * restart that rule would let every deployed module end the JVM.
 *
 * <p>Bundles an embedding product adds to the launcher are modules under this rule: a product ends
 * Graft by stopping it, not through {@code System.exit} in a bundle.
 */
final class RuntimeBundles {

    /** Framework property set by the launcher: the absolute path of the runtime's {@code system/} folder. */
    static final String SYSTEM_PROPERTY = "graft.system";

    private final Path system;

    /** @param systemFolder the value of {@value #SYSTEM_PROPERTY}, or null if it is not set */
    RuntimeBundles(String systemFolder) {
        this.system = systemFolder == null || systemFolder.isBlank() ? null
                : Path.of(systemFolder).toAbsolutePath().normalize();
    }

    /** @return whether the bundle is the framework or one of the runtime's own bundles, not a module */
    boolean isRuntime(Bundle bundle) {
        return bundle.getBundleId() == 0 || Constants.SYSTEM_BUNDLE_LOCATION.equals(bundle.getLocation())
                || isSystemJar(bundle.getLocation());
    }

    /** @return whether the location is the file URI of an existing jar in {@code <system>/<start level>/} */
    boolean isSystemJar(String location) {
        if (system == null || location == null || !location.startsWith("file:")) {
            return false;
        }
        Path jar;
        try {
            jar = Path.of(URI.create(location)).normalize();
        } catch (IllegalArgumentException | FileSystemNotFoundException notAFile) {
            return false;
        }
        Path level = jar.getParent();
        return level != null && system.equals(level.getParent()) && level.getFileName().toString().matches("[0-9]+")
                && jar.getFileName().toString().endsWith(".jar") && Files.isRegularFile(jar);
    }
}
