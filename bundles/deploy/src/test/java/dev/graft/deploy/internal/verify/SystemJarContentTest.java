package dev.graft.deploy.internal.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

class SystemJarContentTest {

    @TempDir
    Path dir;

    private static final Map<String, String> SYSTEM = entries(
            "META-INF/", "", "META-INF/MANIFEST.MF", "Bundle-SymbolicName: a\n", "a/", "", "a/A.class", "A", "b/B.class", "B");

    @Test
    void aBundleHoldingTheJarsFilesIsTheSameWhicheverFoldersEitherLists() throws Exception {
        Path system = jar("system.jar", SYSTEM);
        Map<String, String> held = entries("META-INF/MANIFEST.MF", "Bundle-SymbolicName: a\n", "b/B.class", "B",
                "a/A.class", "A", "b/", "");
        assertTrue(SystemJarContent.same(holding(jar("held.jar", held)), system));
    }

    @Test
    void aFileChangedAddedOrMissingOrAnotherManifestIsNotTheSame() throws Exception {
        Path system = jar("system.jar", SYSTEM);
        Map<String, String> changed = new LinkedHashMap<>(SYSTEM);
        changed.put("a/A.class", "X");
        Map<String, String> added = new LinkedHashMap<>(SYSTEM);
        added.put("c/C.class", "C");
        Map<String, String> missing = new LinkedHashMap<>(SYSTEM);
        missing.remove("b/B.class");
        Map<String, String> manifest = new LinkedHashMap<>(SYSTEM);
        manifest.put("META-INF/MANIFEST.MF", "Bundle-SymbolicName: a\nBundle-Activator: evil.Start\n");
        assertFalse(SystemJarContent.same(holding(jar("changed.jar", changed)), system));
        assertFalse(SystemJarContent.same(holding(jar("added.jar", added)), system));
        assertFalse(SystemJarContent.same(holding(jar("missing.jar", missing)), system));
        assertFalse(SystemJarContent.same(holding(jar("manifest.jar", manifest)), system));
    }

    private static Map<String, String> entries(String... nameAndContent) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            entries.put(nameAndContent[i], nameAndContent[i + 1]);
        }
        return entries;
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    // a bundle whose entries are the jar's, listed as a framework lists them: a folder's children, folders synthesized
    private static Bundle holding(Path jar) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getEntryPaths" -> paths(jar, (String) args[0]);
                    case "getEntry" -> new URL("jar:" + jar.toUri() + "!/" + args[0]);
                    default -> null;
                });
    }

    private static Enumeration<String> paths(Path jar, String folder) throws IOException {
        String prefix = folder.startsWith("/") ? folder.substring(1) : folder;
        Set<String> children = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith(prefix) && !n.equals(prefix)).forEach(n -> {
                int slash = n.indexOf('/', prefix.length());
                children.add(slash < 0 ? n : n.substring(0, slash + 1));
            });
        }
        return children.isEmpty() ? null : Collections.enumeration(children);
    }
}
