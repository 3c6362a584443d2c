package dev.graft.deploy.internal.state;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The content (SHA-256) of each file in {@code deploy/} the manager has already acted on, so that a
 * restart does not deploy or report the same file again (after a rollback, the newer file still in
 * {@code deploy/} is not deployed again; a broken file is reported once).
 */
public final class SeenFiles {

    private final Path file;
    private final Properties seen = new Properties();

    public SeenFiles(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                seen.load(in);
            }
        }
    }

    public synchronized boolean isSeen(String fileName, String sha256) {
        return sha256.equals(seen.getProperty(fileName));
    }

    public synchronized void seen(String fileName, String sha256) {
        if (sha256.equals(seen.setProperty(fileName, sha256))) {
            return;
        }
        save();
    }

    public synchronized void forget(String fileName) {
        if (seen.remove(fileName) != null) {
            save();
        }
    }

    private void save() {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try {
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                seen.store(out, "files of deploy/ Graft has acted on: name = sha256 (written by Graft)");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}
