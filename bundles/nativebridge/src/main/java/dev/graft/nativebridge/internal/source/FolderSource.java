package dev.graft.nativebridge.internal.source;

import dev.graft.api.FailureCode;
import dev.graft.nativebridge.internal.slot.Declaration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.osgi.service.log.Logger;

/**
 * {@code deploy/native/}: each {@code <name>.properties} declares library {@code <name>}; its
 * {@code file=} names the library file. The folder is scanned every half second; a descriptor or
 * library file that changed is acted on once it has not changed for one scan (a file being copied is
 * not loaded half-written). At start the folder is read at once, so libraries there are loaded before
 * any module starts.
 */
public final class FolderSource {

    private static final long SCAN_MILLIS = 500;

    private final Path folder;
    private final Declarations declarations;
    private final Logger log;
    private final Map<String, String> seen = new HashMap<>();
    private final Map<String, String> acted = new HashMap<>();
    private volatile boolean running = true;
    private Thread scanner;

    public FolderSource(Path folder, Declarations declarations, Logger log) {
        this.folder = folder;
        this.declarations = declarations;
        this.log = log;
    }

    public Path folder() {
        return folder;
    }

    /** Reads the folder once, then scans it on a thread of its own. */
    public void start() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            log.warn("cannot create {}: {}", folder, e.getMessage());
        }
        scan(true);
        scanner = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(SCAN_MILLIS);
                    scan(false);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.error("scanning {} failed", folder, e);
                }
            }
        }, "graft-native-folder");
        scanner.setDaemon(true);
        scanner.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        if (scanner != null) {
            scanner.interrupt();
            scanner.join(5_000);
        }
    }

    /** Scans now, acting on every change at once (graft:native-reload, tests). */
    public synchronized void scanNow() {
        scan(true);
    }

    private synchronized void scan(boolean immediately) {
        Set<String> present = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path descriptor : files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList()) {
                String file = descriptor.getFileName().toString();
                if (file.startsWith(".")) {
                    continue;
                }
                String name = file.substring(0, file.length() - ".properties".length());
                present.add(name);
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(descriptor)) {
                    properties.load(in);
                } catch (IOException e) {
                    continue; // being replaced: the next scan reads it
                }
                Path library = properties.getProperty("file") == null ? null : folder.resolve(properties.getProperty("file").trim());
                String fingerprint = fingerprint(descriptor) + "|" + (library == null ? "-" : fingerprint(library))
                        + "|" + properties;
                String before = seen.put(name, fingerprint);
                boolean stable = immediately || fingerprint.equals(before);
                if (stable && !fingerprint.equals(acted.get(name))) {
                    acted.put(name, fingerprint);
                    declare(name, descriptor, properties, library);
                }
            }
        } catch (IOException e) {
            return; // the folder is gone or unreadable; nothing withdrawn on a transient failure
        }
        for (String name : new HashSet<>(acted.keySet())) {
            if (!present.contains(name)) {
                acted.remove(name);
                seen.remove(name);
                declarations.withdraw(name, source(name));
            }
        }
    }

    private void declare(String name, Path descriptor, Properties properties, Path library) {
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        LibrarySettings settings;
        try {
            if (library == null) {
                throw new IllegalArgumentException("it has no file= naming the library file");
            }
            settings = LibrarySettings.of(values);
        } catch (IllegalArgumentException e) {
            log.warn("{} ignoring {}: {}", FailureCode.E_CONFIG_INVALID, descriptor, e.getMessage());
            return;
        }
        Path file = library;
        try {
            declarations.declare(new Declaration(name, settings.isolated(), settings.abiSymbol(), settings.abiVersion(),
                    settings.timeoutMillis(), source(name), file.toString(), file.getFileName().toString(),
                    () -> Files.newInputStream(file), null));
        } catch (RuntimeException e) {
            // refused (logged with its code by the loader); the serving version keeps serving
        }
    }

    private static String source(String name) {
        return "deploy/native/" + name + ".properties";
    }

    private static String fingerprint(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + "@" + attributes.lastModifiedTime().toMillis() + "#" + attributes.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }
}
