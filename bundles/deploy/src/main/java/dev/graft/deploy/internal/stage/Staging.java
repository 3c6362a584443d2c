package dev.graft.deploy.internal.stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies dropped files into {@code data/deploy/staged/}, named by their SHA-256: the copy is
 * written beside its final name and moved there whole, so a crash never leaves half a copy under a
 * real name. Copies no module needs any more are deleted by {@link #keepOnly}.
 */
public final class Staging {

    private final Path dir;

    public Staging(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(this.dir)) { // copies a crash interrupted
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".part")).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** @return the copy of the file as it is now */
    public StagedJar stage(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return stage(in, file.getFileName().toString());
        }
    }

    /** @return a copy of what the stream gives, under the name {@code fileName} */
    public StagedJar stage(InputStream in, String fileName) throws IOException {
        Path partial = Files.createTempFile(dir, "incoming-", ".part");
        try {
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
                in.transferTo(out);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path staged = dir.resolve(sha + ".jar");
            Files.move(partial, staged, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new StagedJar(fileName, sha, staged);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** @return the staged copy of this content, if it is still kept */
    public Path find(String sha256) {
        Path staged = dir.resolve(sha256 + ".jar");
        return Files.isRegularFile(staged) ? staged : null;
    }

    /** Deletes every staged copy but these (copies being made now are left alone). */
    public void keepOnly(Set<String> sha256s) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar") && !sha256s.contains(name.substring(0, name.length() - 4))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
