package dev.graft.deploy.internal.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Watches the deploy folder for {@code *.jar} files through the file system's change events (no
 * polling delay), and hands a file over once it is ready: when it is a whole zip, or when it has
 * not changed for the settle time (then it is broken, and the listener reports it). A file being
 * written slowly is therefore never handed over half-written. A rescan every two seconds catches
 * events the file system dropped.
 *
 * <p>One thread, {@code graft-deploy-watcher}; the listener must return quickly (it queues work).
 */
public final class FolderWatcher implements AutoCloseable {

    /** What the watcher reports. Called on the watcher's thread. */
    public interface Listener {
        /** The file is complete (a whole zip) or has stopped changing: deploy it. */
        void ready(Path file);

        /** The file is gone. */
        void removed(Path file);
    }

    private record Seen(long size, long modified) {}

    private static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long CHECK_MILLIS = 25;

    private final Path dir;
    private final Listener listener;
    private final long settleNanos;
    private final WatchService watchService;
    private final Thread thread;
    private final Map<Path, Seen> handedOver = new HashMap<>(); // what each file was when handed over
    private final Map<Path, Long> pending = new HashMap<>(); // file -> nanoTime of its last change seen
    private final Map<Path, Seen> pendingSeen = new HashMap<>();
    private volatile boolean closed;

    public FolderWatcher(Path dir, long settleMillis, Listener listener) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.listener = listener;
        this.settleNanos = TimeUnit.MILLISECONDS.toNanos(settleMillis);
        this.watchService = FileSystems.getDefault().newWatchService();
        dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "graft-deploy-watcher");
        thread.setDaemon(true);
    }

    /**
     * Scans the folder once on the calling thread — every whole jar there is handed over before this
     * returns, so whoever counts pending deployments sees them — then follows its changes on its own.
     */
    public void start() {
        rescan();
        checkPending();
        thread.start(); // its first rescan comes after RESCAN_NANOS; the map it inherits is safely published
    }

    private void run() {
        long nextRescan = System.nanoTime() + RESCAN_NANOS;
        try {
            while (!closed) {
                if (System.nanoTime() - nextRescan >= 0) {
                    rescan();
                    nextRescan = System.nanoTime() + RESCAN_NANOS;
                }
                WatchKey key = watchService.poll(pending.isEmpty() ? 500 : CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            nextRescan = 0;
                        } else if (event.context() instanceof Path name && isJar(name)) {
                            Path file = dir.resolve(name);
                            if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                                gone(file);
                            } else {
                                pending.put(file, System.nanoTime());
                            }
                        }
                    }
                    key.reset();
                }
                checkPending();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private void rescan() {
        Set<Path> present = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> isJar(f.getFileName())).forEach(present::add);
        } catch (IOException e) {
            return; // the folder is unreadable right now; the next rescan tries again
        }
        for (Path file : present) {
            Seen now = seen(file);
            Seen before;
            synchronized (handedOver) {
                before = handedOver.get(file);
            }
            if (now != null && !now.equals(before) && !pending.containsKey(file)) {
                pending.put(file, System.nanoTime());
            }
        }
        Set<Path> known;
        synchronized (handedOver) {
            known = new HashSet<>(handedOver.keySet());
        }
        for (Path file : known) {
            if (!present.contains(file)) {
                gone(file);
            }
        }
    }

    private void gone(Path file) {
        pending.remove(file);
        pendingSeen.remove(file);
        boolean wasHandedOver;
        synchronized (handedOver) {
            wasHandedOver = handedOver.remove(file) != null;
        }
        if (wasHandedOver && !Files.exists(file)) {
            listener.removed(file);
        }
    }

    private void checkPending() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Path, Long>> it = pending.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, Long> entry = it.next();
            Path file = entry.getKey();
            Seen seen = seen(file);
            if (seen == null) { // removed before it was ready
                it.remove();
                pendingSeen.remove(file);
                continue;
            }
            if (!seen.equals(pendingSeen.put(file, seen))) {
                entry.setValue(now); // still changing
                if (!isWholeZip(file)) {
                    continue;
                }
            } else if (now - entry.getValue() < settleNanos && !isWholeZip(file)) {
                continue;
            }
            // the file may have grown while it was opened as a zip: hand over what it is now
            if (!seen.equals(seen(file))) {
                continue; // changed again: the next check sees it
            }
            it.remove();
            pendingSeen.remove(file);
            synchronized (handedOver) {
                if (seen.equals(handedOver.get(file))) {
                    continue; // an event without a change (a touch of the folder)
                }
                handedOver.put(file, seen);
            }
            listener.ready(file);
        }
    }

    private static boolean isJar(Path name) {
        String text = name.toString();
        return text.endsWith(".jar") && !text.startsWith(".");
    }

    private static Seen seen(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? new Seen(attributes.size(), attributes.lastModifiedTime().toMillis()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    // a cheap look at the central directory: a file still being written has none yet
    private static boolean isWholeZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            watchService.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
    }
}
