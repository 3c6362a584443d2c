package dev.graft.deploy.internal.verify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.osgi.framework.Bundle;

/**
 * Whether a bundle holds the content of a jar, read through the framework: {@link Bundle#getEntryPaths}
 * and {@link Bundle#getEntry} list and read the bundle's own entries (not its fragments', and
 * without resolving it). Every file entry, the manifest included, must be in both with the same
 * bytes; directory entries carry no content and are left out. The launcher's content check compares
 * the same way (the launcher shares no class with the bundles).
 */
final class SystemJarContent {

    private SystemJarContent() {}

    /** @return true if the bundle holds exactly the jar's files; false if not, or if either cannot be read */
    static boolean same(Bundle bundle, Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            long files = zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).distinct().count();
            long matched = 0;
            Deque<String> folders = new ArrayDeque<>();
            folders.push("/");
            while (!folders.isEmpty()) {
                Enumeration<String> paths = bundle.getEntryPaths(folders.pop());
                while (paths != null && paths.hasMoreElements()) {
                    String path = paths.nextElement();
                    if (path.endsWith("/")) {
                        folders.push(path);
                        continue;
                    }
                    ZipEntry entry = zip.getEntry(path);
                    if (entry == null || entry.isDirectory() || !sameBytes(bundle.getEntry(path), zip, entry)) {
                        return false;
                    }
                    matched++;
                }
            }
            return matched == files;
        } catch (IOException | IllegalStateException unreadable) {
            return false;
        }
    }

    private static boolean sameBytes(URL held, ZipFile zip, ZipEntry entry) throws IOException {
        if (held == null) {
            return false;
        }
        byte[] expected;
        try (InputStream in = zip.getInputStream(entry)) {
            expected = in.readAllBytes();
        }
        try (InputStream in = held.openStream()) {
            return Arrays.equals(expected, in.readNBytes(expected.length + 1));
        }
    }
}
