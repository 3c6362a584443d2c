package dev.graft.launcher.internal;

import dev.graft.launcher.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;

/**
 * What Graft last installed of each runtime bundle, kept in a file beside the framework cache: per
 * location, the bundle's {@link Bundle#getLastModified()} then and the SHA-256 of the {@code system/}
 * jar it was installed from. At the next start a runtime bundle is not the one Graft installed if it
 * was updated since (another last-modified time) or if the jar the framework keeps for it has other
 * content (another SHA-256): replaced or corrupted in the cache behind the framework's back.
 */
final class SystemRecord {

    /** One runtime bundle as Graft installed it; {@code sha256} is null in a record written before it was kept. */
    record Entry(long lastModified, String sha256) {}

    private final Path file;
    private final Path cache;
    private final Properties entries = new Properties();

    /**
     * @param file the record, or null to check nothing
     * @param cache the framework cache (framework property {@code org.osgi.framework.storage}), or null
     */
    SystemRecord(Path file, Path cache) {
        this.file = file;
        this.cache = cache;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                entries.load(in);
            } catch (IOException unreadable) {
                // treated as no record: nothing is restored this time
            }
        }
    }

    /** @return what Graft recorded of the bundle at this location, if anything */
    Optional<Entry> get(String location) {
        String value = file == null ? null : entries.getProperty(location);
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.trim().split(" ");
        try {
            return Optional.of(new Entry(Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : null));
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    void put(String location, Bundle bundle, String sha256) {
        entries.setProperty(location, bundle.getLastModified() + (sha256 == null ? "" : " " + sha256));
    }

    /**
     * @return the SHA-256 of the jar the framework keeps for the bundle's current revision, or empty
     *     if it cannot be found.
     *
     *     <p>OSGi offers no access to a revision's content as one file: {@link Bundle#getEntry} and
     *     {@link Bundle#findEntries} read it entry by entry, which for the runtime's bundles (27 MB
     *     unpacked) took 0.9 to 1.5 s at every start, against 35 to 80 ms for hashing the files the
     *     framework keeps. So this reads Apache Felix's cache as Felix 7 lays it out (the only
     *     framework the launcher ships): {@code <cache>/bundle<id>/version<n>.<revision>/bundle.jar},
     *     the highest revision being the current one. A framework that keeps it elsewhere gets the
     *     last-modified check only.
     */
    Optional<String> cachedSha256(Bundle bundle) {
        if (cache == null) {
            return Optional.empty();
        }
        Path dir = cache.resolve("bundle" + bundle.getBundleId());
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> revisions = Files.list(dir)) {
            Optional<Path> current = revisions.filter(r -> r.getFileName().toString().matches("version[0-9]+\\.[0-9]+"))
                    .max((a, b) -> Long.compare(revision(a), revision(b)))
                    .map(r -> r.resolve("bundle.jar"))
                    .filter(Files::isRegularFile);
            return current.isEmpty() ? Optional.empty() : Optional.of(sha256(current.get()));
        } catch (IOException unreadable) {
            return Optional.of("unreadable: " + unreadable.getMessage()); // not the recorded content: restored
        }
    }

    private static long revision(Path dir) {
        return Long.parseLong(dir.getFileName().toString().substring(dir.getFileName().toString().indexOf('.') + 1));
    }

    static String sha256(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    void save() throws LaunchException {
        if (file == null) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            entries.store(out, "what Graft last installed of each runtime bundle: Bundle.getLastModified, SHA-256 of its system/ jar");
        } catch (IOException e) {
            throw new LaunchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
