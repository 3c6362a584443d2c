package dev.graft.launcher.internal;

import dev.graft.launcher.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The runtime's bundles: {@code system/<start-level>/*.jar}, plus bundles an embedding product
 * adds (started last). Installs new ones, updates changed ones, uninstalls ones whose file is gone;
 * the framework cache keeps everything else (modules installed from deploy/ or the shell) across
 * restarts.
 *
 * <p>The console — the one bundle that puts the Gogo shell on this process's standard input and
 * output — is started only when a shell is asked for. Without one it stays installed (so the cache
 * is the same either way) but persistently stopped: its activator never runs, so it neither takes
 * over the host's terminal and signal handlers nor stops the framework when standard input ends.
 * (Telling a started console {@code gosh.args=--nointeractive} would still open a terminal and
 * start session threads in the host's JVM.) The rest of the shell — Gogo's runtime, its commands
 * and Graft's — reads no console and is started either way.
 */
public final class SystemBundles {

    private record Jar(Path path, int startLevel) {
        String location() {
            return path.toUri().toString();
        }
    }

    /** Bundle-SymbolicName of the console: Gogo's JLine shell, which reads and writes the process's console. */
    public static final String CONSOLE = "org.apache.felix.gogo.jline";

    private final Path systemDir;
    private final List<Jar> jars;

    private SystemBundles(Path systemDir, List<Jar> jars) {
        this.systemDir = systemDir;
        this.jars = jars;
    }

    public static SystemBundles scan(Path systemDir, List<Path> extra) throws LaunchException {
        List<Jar> jars = new ArrayList<>();
        if (Files.isDirectory(systemDir)) {
            try (Stream<Path> levels = Files.list(systemDir)) {
                for (Path level : levels.filter(Files::isDirectory).toList()) {
                    int startLevel = startLevel(level);
                    try (Stream<Path> files = Files.list(level)) {
                        files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                                .forEach(f -> jars.add(new Jar(f.toAbsolutePath().normalize(), startLevel)));
                    }
                }
            } catch (IOException e) {
                throw new LaunchException("cannot read " + systemDir + ": " + e.getMessage(), e);
            }
        }
        if (jars.isEmpty()) {
            throw new LaunchException("no bundles in " + systemDir + " (is this a Graft home folder?)");
        }
        int last = jars.stream().mapToInt(Jar::startLevel).max().orElse(1) + 1;
        for (Path jar : extra) {
            if (!Files.isReadable(jar)) {
                throw new LaunchException("cannot read bundle " + jar);
            }
            jars.add(new Jar(jar.toAbsolutePath().normalize(), last));
        }
        jars.sort(Comparator.comparingInt(Jar::startLevel).thenComparing(j -> j.path().getFileName().toString()));
        return new SystemBundles(systemDir.toAbsolutePath().normalize(), List.copyOf(jars));
    }

    public int highestStartLevel() {
        return jars.get(jars.size() - 1).startLevel();
    }

    public Set<String> locations() {
        Set<String> locations = new LinkedHashSet<>();
        jars.forEach(j -> locations.add(j.location()));
        return locations;
    }

    /**
     * @param shell whether to start the {@link #CONSOLE console}; otherwise it is stopped for good,
     *     also when a cache made with a shell would start it
     */
    public void installInto(BundleContext context, boolean shell) throws LaunchException {
        installInto(context, shell, null, null);
    }

    /**
     * As {@link #installInto(BundleContext, boolean)}, and restores from {@code system/} a runtime
     * bundle that is not the one Graft installed: updated from the shell or by a module since, or its
     * jar replaced or corrupted in the framework cache (see {@link SystemRecord}).
     *
     * @param record a properties file beside the cache, or null not to check
     * @param cache the framework cache, or null to check only for updates
     */
    public void installInto(BundleContext context, boolean shell, Path record, Path cache) throws LaunchException {
        SystemRecord installed = new SystemRecord(record, cache);
        installAll(context, shell, installed);
        installed.save();
    }

    private void installAll(BundleContext context, boolean shell, SystemRecord installed) throws LaunchException {
        Set<String> wanted = locations();
        String systemPrefix = systemDir.toUri().toString();
        Set<String> present = new HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (location.startsWith(systemPrefix) && !wanted.contains(location)) {
                uninstall(bundle);
            } else {
                present.add(location);
            }
        }
        for (Jar jar : jars) {
            try {
                Optional<SystemRecord.Entry> recorded = installed.get(jar.location());
                String sha256;
                Bundle bundle;
                if (present.contains(jar.location())) {
                    bundle = context.getBundle(jar.location());
                    sha256 = updateIfChanged(bundle, jar, recorded, installed);
                } else {
                    if (recorded.isPresent()) { // Graft installed it, and the framework dropped it (unreadable) or lost it
                        System.out.println("graft: E_PROTECTED: " + jar.path() + " is no longer in the framework cache"
                                + " (removed, or unreadable); installing it again from system/");
                    }
                    bundle = install(context, jar);
                    sha256 = SystemRecord.sha256(jar.path());
                }
                installed.put(jar.location(), bundle, sha256);
                bundle.adapt(BundleStartLevel.class).setStartLevel(jar.startLevel());
                if (isFragment(bundle)) {
                    continue;
                }
                if (shell || !CONSOLE.equals(bundle.getSymbolicName())) {
                    bundle.start(Bundle.START_ACTIVATION_POLICY);
                } else {
                    bundle.stop(); // persistently: the framework will not start it at its start level
                }
            } catch (BundleException | IOException | IllegalStateException e) {
                throw new LaunchException("cannot install " + jar.path() + ": " + e.getMessage(), e);
            }
        }
    }

    private static Bundle install(BundleContext context, Jar jar) throws BundleException, IOException {
        try (InputStream in = Files.newInputStream(jar.path())) {
            return context.installBundle(jar.location(), in);
        }
    }

    /** @return the SHA-256 of the system/ jar the bundle now holds */
    private static String updateIfChanged(Bundle bundle, Jar jar, Optional<SystemRecord.Entry> recorded,
            SystemRecord installed) throws BundleException, IOException {
        boolean updated = recorded.isPresent() && recorded.get().lastModified() != bundle.getLastModified();
        boolean changed = !updated && recorded.isPresent() && recorded.get().sha256() != null
                && installed.cachedSha256(bundle).filter(sha -> !sha.equals(recorded.get().sha256())).isPresent();
        if (updated || changed) {
            System.out.println("graft: E_PROTECTED: " + bundle.getSymbolicName() + ":" + bundle.getVersion()
                    + " in the framework cache is not the one Graft installed from " + jar.path()
                    + (changed ? " (its content was changed in the cache)" : "") + "; restoring it from system/");
        }
        if (updated || changed || Files.getLastModifiedTime(jar.path()).toMillis() > bundle.getLastModified()) {
            try (InputStream in = Files.newInputStream(jar.path())) {
                bundle.update(in);
            }
            return SystemRecord.sha256(jar.path());
        }
        if (recorded.isPresent() && recorded.get().sha256() != null) {
            return recorded.get().sha256();
        }
        // no record, or one from before the SHA-256 was kept: the jar in system/ is what the bundle holds
        return SystemRecord.sha256(jar.path());
    }

    private static void uninstall(Bundle bundle) throws LaunchException {
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new LaunchException("cannot remove " + bundle.getLocation() + ": " + e.getMessage(), e);
        }
    }

    public static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static int startLevel(Path dir) throws LaunchException {
        try {
            int level = Integer.parseInt(dir.getFileName().toString());
            if (level < 1) {
                throw new NumberFormatException();
            }
            return level;
        } catch (NumberFormatException e) {
            throw new LaunchException("folder " + dir + " must be named for a start level (1, 2, …)");
        }
    }
}
