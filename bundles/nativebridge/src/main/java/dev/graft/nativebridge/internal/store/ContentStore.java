package dev.graft.nativebridge.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Copies of library files under {@code data/native/lib/<sha-256>/<file name>}: a version is loaded from
 * its copy, so the original (in deploy/native/, or in a bundle) may be replaced or deleted at any time,
 * and two versions never share a path (the dynamic loader would hand out the old one again).
 */
public final class ContentStore {

    /** A stored copy. @param sha256 its content hash, hex @param path the copy */
    public record Stored(String sha256, Path path) {

        /** @return the first 12 hex digits: the version as the shell shows it */
        public String version() {
            return sha256.substring(0, 12);
        }
    }

    private final Path root;

    public ContentStore(Path root) {
        this.root = root;
    }

    /**
     * Copies a stream into the store.
     *
     * @param in the library's bytes; read to the end, not closed
     * @param fileName the name the copy gets (the dynamic loader and /proc/self/maps show it)
     * @param maxBytes refuse larger files
     */
    public Stored put(InputStream in, String fileName, long maxBytes) throws IOException {
        Files.createDirectories(root);
        Path temp = Files.createTempFile(root, ".incoming-", ".tmp");
        try {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new IOException("larger than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            Path dir = root.resolve(hash);
            Path copy = dir.resolve(fileName);
            if (!Files.isRegularFile(copy) || Files.size(copy) != size) {
                Files.createDirectories(dir);
                try {
                    Files.move(temp, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                    Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                copy.toFile().setReadOnly();
            }
            return new Stored(hash, copy);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a copy (and its folder) no version uses any more; a copy still open elsewhere stays valid. */
    public void delete(Stored stored) {
        try {
            Files.deleteIfExists(stored.path());
            try (Stream<Path> rest = Files.list(stored.path().getParent())) {
                if (rest.findAny().isEmpty()) {
                    Files.deleteIfExists(stored.path().getParent());
                }
            }
        } catch (IOException e) {
            // left for the next start's clean-up
        }
    }

    /** Removes every copy: at start no version is loaded, so none is in use. */
    public void clear() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).filter(p -> !p.equals(root)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left as it is
                }
            });
        } catch (IOException e) {
            // nothing to clean
        }
    }
}
