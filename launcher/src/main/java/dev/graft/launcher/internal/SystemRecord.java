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
import org.osgi.framework.Bundle;

/**
 * What Graft last installed of each runtime bundle, kept in a file beside the framework cache: per
 * location, the bundle's {@link Bundle#getLastModified()} then and the SHA-256 of the {@code system/}
 * jar it was installed from. At the next start a runtime bundle updated since (another last-modified
 * time) is not the one Graft installed; whether its content still is, {@link SystemContentCheck}
 * finds out through the framework. Written at the start and again by that check when it restores a
 * bundle, so its methods are synchronized.
 */
final class SystemRecord {

    /** One runtime bundle as Graft installed it; {@code sha256} is null in a record written before it was kept. */
    record Entry(long lastModified, String sha256) {}

    private final Path file;
    private final Properties entries = new Properties();

    /** @param file the record, or null to check nothing */
    SystemRecord(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                entries.load(in);
            } catch (IOException unreadable) {
                // treated as no record: nothing is restored this time
            }
        }
    }

    /** @return whether there is a record to check against (without one, nothing is checked) */
    boolean enabled() {
        return file != null;
    }

    /** @return what Graft recorded of the bundle at this location, if anything */
    synchronized Optional<Entry> get(String location) {
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

    synchronized void put(String location, Bundle bundle, String sha256) {
        entries.setProperty(location, bundle.getLastModified() + (sha256 == null ? "" : " " + sha256));
    }

    static String sha256(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
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

    synchronized void save() throws LaunchException {
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
