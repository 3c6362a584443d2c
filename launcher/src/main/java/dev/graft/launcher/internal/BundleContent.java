package dev.graft.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Enumeration;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.osgi.framework.Bundle;

/**
 * Compares what the framework holds of a bundle with a jar, through the framework's API only:
 * {@link Bundle#getEntryPaths} and {@link Bundle#getEntry} list and read the bundle's own entries
 * — not those of attached fragments (as {@link Bundle#findEntries} would), and without resolving it.
 * How the framework stores them is its own business.
 *
 * <p>Every file entry must be in both, with the same bytes; the manifest is a file entry like any
 * other, compared byte for byte. Directory entries carry no content and are left out: a jar may or
 * may not list them, and a framework may list a folder whether or not the jar has an entry for it.
 */
final class BundleContent {

    enum Result { SAME, DIFFERENT, STOPPED }

    private BundleContent() {}

    /**
     * @param go asked before each entry; when it says no, the comparison ends with {@link Result#STOPPED}
     * @throws IOException if the jar cannot be read (an entry of the bundle that cannot be read is a difference)
     * @throws IllegalStateException if the bundle was uninstalled meanwhile
     */
    static Result compare(Bundle bundle, Path jar, BooleanSupplier go) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            long files = zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).distinct().count();
            long matched = 0;
            Deque<String> folders = new ArrayDeque<>();
            folders.push("/");
            while (!folders.isEmpty()) {
                Enumeration<String> paths = bundle.getEntryPaths(folders.pop());
                while (paths != null && paths.hasMoreElements()) {
                    if (!go.getAsBoolean()) {
                        return Result.STOPPED;
                    }
                    String path = paths.nextElement();
                    if (path.endsWith("/")) {
                        folders.push(path);
                        continue;
                    }
                    ZipEntry entry = zip.getEntry(path);
                    if (entry == null || entry.isDirectory() || !sameBytes(bundle.getEntry(path), zip, entry)) {
                        return Result.DIFFERENT;
                    }
                    matched++;
                }
            }
            return matched == files ? Result.SAME : Result.DIFFERENT;
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
            // one byte more than expected: enough to see a longer entry without reading all of it
            return Arrays.equals(expected, in.readNBytes(expected.length + 1));
        } catch (IOException unreadable) {
            return false; // corrupt in the framework's keeping: not the jar's content
        }
    }
}
