package dev.graft.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.launcher.LaunchException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemBundlesTest {

    @TempDir
    Path system;

    @Test
    void startLevelsComeFromTheFolderNamesAndExtraBundlesStartLast() throws Exception {
        Files.createDirectories(system.resolve("1"));
        Files.createDirectories(system.resolve("4"));
        Files.writeString(system.resolve("1/a.jar"), "");
        Files.writeString(system.resolve("4/b.jar"), "");
        Path extra = Files.writeString(system.resolve("extra.jar"), "");

        SystemBundles bundles = SystemBundles.scan(system, List.of(extra));
        assertEquals(5, bundles.highestStartLevel());
        assertEquals(List.of(system.resolve("1/a.jar").toUri().toString(), system.resolve("4/b.jar").toUri().toString(),
                extra.toUri().toString()), List.copyOf(bundles.locations()));
    }

    @Test
    void noBundlesIsAClearError() {
        LaunchException e = assertThrows(LaunchException.class, () -> SystemBundles.scan(system, List.of()));
        assertEquals("no bundles in " + system + " (is this a Graft home folder?)", e.getMessage());
    }

    @Test
    void aFolderThatIsNotAStartLevelIsAClearError() throws Exception {
        Files.createDirectories(system.resolve("core"));
        LaunchException e = assertThrows(LaunchException.class, () -> SystemBundles.scan(system, List.of()));
        assertEquals("folder " + system.resolve("core") + " must be named for a start level (1, 2, …)", e.getMessage());
    }

    @Test
    void aRuntimeBundleWhoseJarWasReplacedInTheCacheIsRestoredWithOneLine() throws Exception {
        Path jar = Files.createDirectories(system.resolve("system/1")).resolve("a.jar");
        writeBundle(jar, "original");
        Path cache = system.resolve("cache");
        SystemBundles bundles = SystemBundles.scan(system.resolve("system"), List.of());

        assertEquals("", start(bundles, cache).output());
        Started untouched = start(bundles, cache);
        assertEquals("", untouched.output());
        assertEquals("original", untouched.content());

        // the jar the framework keeps for it, replaced behind its back (same name and version, other content)
        Path cached;
        try (Stream<Path> files = Files.walk(cache.resolve("bundle1"))) {
            cached = files.filter(f -> f.getFileName().toString().equals("bundle.jar")).findFirst().orElseThrow();
        }
        writeBundle(cached, "replaced");
        Started restored = start(bundles, cache);
        assertEquals("graft: E_PROTECTED: test.a:1.0.0 in the framework cache is not the one Graft installed from " + jar
                + " (its content was changed in the cache); restoring it from system/", restored.output().trim());
        assertEquals("original", restored.content());
        assertEquals("", start(bundles, cache).output());

        // corrupted inside an entry: the framework still reads the jar, its content is not Graft's
        Path current = cachedJar(cache);
        byte[] bytes = Files.readAllBytes(current);
        int entry = indexOf(bytes, "a.txt".getBytes(StandardCharsets.UTF_8)) + "a.txt".length();
        bytes[entry + 2] ^= 1;
        Files.write(current, bytes);
        Started repaired = start(bundles, cache);
        assertEquals("graft: E_PROTECTED: test.a:1.0.0 in the framework cache is not the one Graft installed from " + jar
                + " (its content was changed in the cache); restoring it from system/", repaired.output().trim());
        assertEquals("original", repaired.content());

        // corrupted past reading: the framework drops it as it starts, and it is installed again
        current = cachedJar(cache);
        bytes = Files.readAllBytes(current);
        bytes[bytes.length - 3] ^= 1; // the end of the central directory
        Files.write(current, bytes);
        Started reinstalled = start(bundles, cache);
        assertEquals("graft: E_PROTECTED: " + jar + " is no longer in the framework cache (removed, or unreadable);"
                + " installing it again from system/", reinstalled.output().trim());
        assertEquals("original", reinstalled.content());
    }

    // the jar the framework keeps for the bundle's current revision (Felix: bundle<id>/version<n>.<r>/bundle.jar)
    private static Path cachedJar(Path cache) throws Exception {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.getFileName().toString().equals("bundle.jar"))
                    .max((a, b) -> a.getParent().getFileName().toString().compareTo(b.getParent().getFileName().toString()))
                    .orElseThrow();
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private record Started(String output, String content) {}

    // starts a framework on the cache, installs the bundles as the launcher does, and stops it
    private Started start(SystemBundles bundles, Path cache) throws Exception {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of("org.osgi.framework.storage", cache.toString()));
        framework.init();
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            bundles.installInto(framework.getBundleContext(), false, system.resolve("cache.system"), cache);
        } finally {
            System.setOut(console);
        }
        Bundle bundle = framework.getBundleContext().getBundle(system.resolve("system/1/a.jar").toUri().toString());
        String content;
        try (InputStream in = bundle.getEntry("a.txt").openStream()) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        framework.stop();
        framework.waitForStop(10_000);
        return new Started(out.toString(StandardCharsets.UTF_8), content);
    }

    private static void writeBundle(Path jar, String content) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.a");
        main.putValue("Bundle-Version", "1.0.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
