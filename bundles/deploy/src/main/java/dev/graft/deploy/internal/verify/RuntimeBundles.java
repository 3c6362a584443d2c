package dev.graft.deploy.internal.verify;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The runtime's own bundles, which no module may replace: the framework, and every bundle installed
 * from a jar of a start-level folder of this Graft home's {@code system/} folder, as the launcher
 * installs them ({@code <system>/<level>/<name>.jar} by its file URI). Their symbolic names are
 * protected whatever the version.
 *
 * <p>The {@code system/} folder is the one the launcher names in the framework property
 * {@value #SYSTEM_PROPERTY}, not any folder called {@code system}: anyone can install a bundle from
 * {@code file:/tmp/x/system/4/a.jar}, and a module can install one with any location it likes. The
 * jar must also exist there, so a made-up location inside the real folder does not count either.
 * Without the property nothing but the framework is the runtime (fail closed: a bundle wrongly
 * taken for the runtime's would be trusted).
 */
public final class RuntimeBundles {

    /** Framework property set by the launcher: the absolute path of the runtime's {@code system/} folder. */
    public static final String SYSTEM_PROPERTY = "graft.system";

    private final BundleContext context;
    private final Path system;

    public RuntimeBundles(BundleContext context) {
        this(context, context.getProperty(SYSTEM_PROPERTY));
    }

    RuntimeBundles(BundleContext context, String systemFolder) {
        this.context = context;
        this.system = systemFolder == null || systemFolder.isBlank() ? null
                : Path.of(systemFolder).toAbsolutePath().normalize();
    }

    /** @return whether the launcher said where system/ is; without it only the framework's names are protected */
    public boolean knowsSystemFolder() {
        return system != null;
    }

    /** @return true if the bundle is part of the runtime */
    public boolean isRuntime(Bundle bundle) {
        String location = bundle.getLocation();
        return bundle.getBundleId() == 0 || Constants.SYSTEM_BUNDLE_LOCATION.equals(location) || isSystemJar(location);
    }

    /** @return whether the location is the file URI of an existing jar in {@code <system>/<start level>/} */
    boolean isSystemJar(String location) {
        if (system == null || location == null || !location.startsWith("file:")) {
            return false;
        }
        Path jar;
        try {
            jar = Path.of(URI.create(location)).normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile) {
            return false;
        }
        Path level = jar.getParent();
        return level != null && system.equals(level.getParent()) && level.getFileName().toString().matches("[0-9]+")
                && jar.getFileName().toString().endsWith(".jar") && Files.isRegularFile(jar);
    }

    /**
     * @return whether the runtime bundle holds the content of its jar in {@code system/} — as after
     *     the launcher restored it from there; false for a bundle not installed from {@code system/}
     */
    public boolean holdsItsSystemJar(Bundle bundle) {
        return isSystemJar(bundle.getLocation()) && SystemJarContent.same(bundle, Path.of(URI.create(bundle.getLocation())));
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
