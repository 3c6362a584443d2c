package dev.graft.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkConfigTest {

    @TempDir
    Path home;

    @Test
    void readsEtcConfigPropertiesAndReplacesGraftHome() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/config.properties"), """
                org.osgi.framework.storage=${graft.home}/data/cache
                a=${b}-x
                b=B
                port=8080
                """);
        Map<String, String> config = FrameworkConfig.load(home, Map.of("port", "9090"));
        assertEquals(home + "/data/cache", config.get("org.osgi.framework.storage"));
        assertEquals("B-x", config.get("a"));
        assertEquals("9090", config.get("port"));
        assertEquals(home.toString(), config.get("graft.home"));
    }

    @Test
    void aMissingConfigFileMeansDefaults() throws Exception {
        assertEquals(home.toString(), FrameworkConfig.load(home, Map.of()).get("graft.home"));
    }

    @Test
    void aSelfReferenceIsAClearError() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> FrameworkConfig.load(home, Map.of("loop", "${loop}")));
        assertEquals("a property refers to itself: ${loop}", e.getMessage());
    }
}
