package dev.graft.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
