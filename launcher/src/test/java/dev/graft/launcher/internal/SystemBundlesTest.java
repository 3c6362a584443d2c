package dev.graft.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.launcher.LaunchException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
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
    void aRuntimeBundleWhoseJarWasReplacedInTheCacheIsRestoredWithOneLineAfterTheStart() throws Exception {
        Path jar = Files.createDirectories(system.resolve("system/1")).resolve("a.jar");
        writeBundle(jar, "original");
        Path cache = system.resolve("cache");
        SystemBundles bundles = SystemBundles.scan(system.resolve("system"), List.of());

        assertEquals(new Started("", "", "original"), start(bundles, cache));
        assertEquals(new Started("", "", "original"), start(bundles, cache)); // read through the framework: the same

        // the jar the framework keeps for it, replaced behind its back (same name and version, other content):
        // the start-up check does not read it; the check after the start does, and restores it
        writeBundle(cachedJar(cache), "replaced");
        String line = "graft: E_PROTECTED: test.a:1.0.0 in the framework cache is not the one Graft installed from " + jar
                + " (its content was changed in the cache); restoring it from system/\n";
        assertEquals(new Started("", line, "original"), start(bundles, cache));
        assertEquals(new Started("", "", "original"), start(bundles, cache)); // the record knows the restored one

        // corrupted inside an entry: the framework still reads the jar, its content is not Graft's
        Path current = cachedJar(cache);
        byte[] bytes = Files.readAllBytes(current);
        int entry = indexOf(bytes, "a.txt".getBytes(StandardCharsets.UTF_8)) + "a.txt".length();
        bytes[entry + 2] ^= 1;
        Files.write(current, bytes);
        assertEquals(new Started("", line, "original"), start(bundles, cache));

        // a file added beside the others, the rest untouched
        try (FileSystem zip = FileSystems.newFileSystem(cachedJar(cache))) {
            Files.write(zip.getPath("implicit/extra.class"), new byte[] {1});
        }
        assertEquals(new Started("", line, "original"), start(bundles, cache));

        // corrupted past reading: the framework drops it as it starts, and the start-up check installs it again
        current = cachedJar(cache);
        bytes = Files.readAllBytes(current);
        bytes[bytes.length - 3] ^= 1; // the end of the central directory
        Files.write(current, bytes);
        assertEquals(new Started("graft: E_PROTECTED: " + jar + " is no longer in the framework cache (removed, or"
                + " unreadable); installing it again from system/\n", "", "original"), start(bundles, cache));
    }

    @Test
    void aJarInSystemChangedWithoutANewerTimeIsPutInByTheContentCheck() throws Exception {
        Path jar = Files.createDirectories(system.resolve("system/1")).resolve("a.jar");
        writeBundle(jar, "original");
        Path cache = system.resolve("cache");
        SystemBundles bundles = SystemBundles.scan(system.resolve("system"), List.of());
        start(bundles, cache);

        // copied in with its old time kept (cp -p, an unpacked archive): the start-up check sees no newer jar
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(jar);
        writeBundle(jar, "upgraded");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() - 60_000));
        assertEquals(new Started("", "graft: test.a:1.0.0 differs from " + jar + ", which was changed since Graft installed"
                + " it; updating it from system/\n", "upgraded"), start(bundles, cache));
        assertEquals(new Started("", "", "upgraded"), start(bundles, cache));
    }

    @Test
    void theContentCheckEndsWhenTheFrameworkStops() throws Exception {
        Path jar = Files.createDirectories(system.resolve("system/1")).resolve("a.jar");
        writeBundle(jar, "original");
        Path cache = system.resolve("cache");
        SystemBundles bundles = SystemBundles.scan(system.resolve("system"), List.of());
        start(bundles, cache);
        writeBundle(cachedJar(cache), "replaced");

        Framework framework = framework(cache);
        SystemContentCheck check = bundles.installInto(framework.getBundleContext(), false, system.resolve("cache.system"));
        framework.start();
        framework.stop();
        framework.waitForStop(10_000);
        long began = System.nanoTime();
        String out = stdout(check::run);
        assertEquals("", out); // nothing checked, nothing restored: the next start will
        assertTrue(System.nanoTime() - began < 1_000_000_000L, "the check ended at once");
    }

    // the jar the framework keeps for the bundle's current revision (Felix: bundle<id>/version<n>.<r>/bundle.jar);
    // only this test knows that layout, to tamper with it as an attacker would
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

    /** What one start printed: in the start-up check, in the content check after the start; and a.txt then. */
    private record Started(String startUp, String afterStart, String content) {}

    // starts a framework on the cache as the launcher does (the bundles, then the content check once it
    // started, here on this thread), and stops it
    private Started start(SystemBundles bundles, Path cache) throws Exception {
        Framework framework = framework(cache);
        SystemContentCheck[] check = new SystemContentCheck[1];
        String startUp = stdout(() -> {
            check[0] = bundles.installInto(framework.getBundleContext(), false, system.resolve("cache.system"));
            framework.start();
        });
        check[0].go(); // as the launcher does once Graft is ready
        String afterStart = stdout(check[0]::run);
        Bundle bundle = framework.getBundleContext().getBundle(system.resolve("system/1/a.jar").toUri().toString());
        String content;
        try (InputStream in = bundle.getEntry("a.txt").openStream()) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        framework.stop();
        framework.waitForStop(10_000);
        return new Started(startUp, afterStart, content);
    }

    private static Framework framework(Path cache) throws Exception {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of("org.osgi.framework.storage", cache.toString()));
        framework.init();
        return framework;
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String stdout(Action action) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // a directory entry, a file under it, and a file in a folder the jar has no entry for
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
            out.putNextEntry(new JarEntry("dir/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("dir/b.txt"));
            out.write("b".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("implicit/c.txt"));
            out.write("c".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
