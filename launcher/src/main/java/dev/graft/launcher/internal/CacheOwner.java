package dev.graft.launcher.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The framework cache remembers bundles by the absolute location they were installed from, so a
 * cache made by a home at another path (a home copied or moved) would install the runtime's bundles
 * a second time and refuse to start. A marker beside the cache names the home that made it; a
 * cache of another home, or one the framework cannot read, is rebuilt from {@code system/} and
 * {@code deploy/}.
 */
public final class CacheOwner {

    private final Path home;
    private final Path cache;
    private final Path marker;

    public CacheOwner(Path home, Path cache) {
        this.home = home;
        this.cache = cache;
        this.marker = cache.resolveSibling(cache.getFileName() + ".home");
    }

    /**
     * @return why the cache must be rebuilt before the framework starts, if it must; the caller
     *     says so in one line and calls {@link #rebuild()}
     */
    public Optional<String> foreignReason() {
        if (!Files.isDirectory(cache) || isEmpty(cache)) {
            return Optional.empty();
        }
        String owner = null;
        try {
            owner = Files.isRegularFile(marker) ? Files.readString(marker, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException unreadable) {
            // treated as foreign below
        }
        if (home.toString().equals(owner)) {
            return Optional.empty();
        }
        return Optional.of(owner == null
                ? "the framework cache " + cache + " does not say which Graft home made it"
                : "the framework cache " + cache + " was made by the Graft home " + owner);
    }

    /** @return where the launcher records when it last installed each runtime bundle, beside the cache */
    public Path systemRecord() {
        return cache.resolveSibling(cache.getFileName() + ".system");
    }

    /** Deletes the cache: the runtime's bundles are installed again from system/, modules from deploy/. */
    public void rebuild() throws IOException {
        Files.deleteIfExists(systemRecord());
        if (!Files.exists(cache)) {
            return;
        }
        Files.walkFileTree(cache, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Records that this home made the cache. */
    public void claim() throws IOException {
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, home.toString(), StandardCharsets.UTF_8);
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
