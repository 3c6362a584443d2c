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
     * Installs, updates and starts the runtime's bundles, and restores from {@code system/} one that
     * was updated since Graft installed it (from the shell, or by a module) — the start-up check,
     * which asks only the framework's last-modified times and the record. Whether the content of
     * the others is still that of their jars in {@code system/} is read in the background, after the
     * start: see the returned {@link SystemContentCheck}.
     *
     * @param shell whether to start the {@link #CONSOLE console}; otherwise it is stopped for good,
     *     also when a cache made with a shell would start it
     * @param record a properties file beside the cache ({@link SystemRecord}), or null to check nothing
     * @return the content check, to {@linkplain SystemContentCheck#start start} once the framework started
     */
    public SystemContentCheck installInto(BundleContext context, boolean shell, Path record) throws LaunchException {
        SystemRecord installed = new SystemRecord(record);
        List<SystemContentCheck.Target> kept = installAll(context, shell, installed);
        installed.save();
        return new SystemContentCheck(context, installed, installed.enabled() ? kept : List.of());
    }

    /** @return the runtime bundles the framework kept from before and that were not put back from system/ now */
    private List<SystemContentCheck.Target> installAll(BundleContext context, boolean shell, SystemRecord installed)
            throws LaunchException {
        List<SystemContentCheck.Target> kept = new ArrayList<>();
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
                    boolean updated = updateIfChanged(bundle, jar, recorded);
                    sha256 = updated || recorded.isEmpty() || recorded.get().sha256() == null
                            ? SystemRecord.sha256(jar.path()) : recorded.get().sha256();
                    if (!updated) {
                        kept.add(new SystemContentCheck.Target(jar.location(), jar.path(), bundle.getLastModified()));
                    }
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
        return kept;
    }

    private static Bundle install(BundleContext context, Jar jar) throws BundleException, IOException {
        try (InputStream in = Files.newInputStream(jar.path())) {
            return context.installBundle(jar.location(), in);
        }
    }

    /**
     * Updates the bundle from its jar if it was updated since Graft installed it (restored, with one
     * line) or if the jar in system/ is newer (a runtime upgrade).
     *
     * @return whether it was updated
     */
    private static boolean updateIfChanged(Bundle bundle, Jar jar, Optional<SystemRecord.Entry> recorded)
            throws BundleException, IOException {
        boolean updated = recorded.isPresent() && recorded.get().lastModified() != bundle.getLastModified();
        if (updated) {
            System.out.println("graft: E_PROTECTED: " + bundle.getSymbolicName() + ":" + bundle.getVersion()
                    + " in the framework cache is not the one Graft installed from " + jar.path() + "; restoring it from system/");
        }
        if (updated || Files.getLastModifiedTime(jar.path()).toMillis() > bundle.getLastModified()) {
            try (InputStream in = Files.newInputStream(jar.path())) {
                bundle.update(in);
            }
            return true;
        }
        return false;
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
