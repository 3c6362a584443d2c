package dev.graft.deploy.internal.state;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The module records, one file each, replaced whole on every save (written beside, then moved over
 * atomically): a crash leaves the previous record or the new one, never half of one.
 */
public final class ModuleStore {

    private final Path dir;
    private final Map<String, ModuleRecord> records = new TreeMap<>();

    public ModuleStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList()) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                if (p.getProperty("module") != null) {
                    records.put(p.getProperty("module"), ModuleRecord.of(p));
                }
            }
        }
    }

    /** @return the module's record, created (not yet saved) if it has none */
    public synchronized ModuleRecord get(String module) {
        return records.computeIfAbsent(module, ModuleRecord::new);
    }

    /** @return the module's record, or null */
    public synchronized ModuleRecord find(String module) {
        return records.get(module);
    }

    public synchronized List<ModuleRecord> all() {
        return new ArrayList<>(records.values());
    }

    /**
     * Writes one module's record. Saves of one module follow each other (they lock its record);
     * saves of different modules, and readers of {@link #all}, do not wait for each other's disk:
     * readiness asks {@code all()} every few milliseconds while modules deploy in parallel.
     */
    public void save(ModuleRecord record) {
        Path file = dir.resolve(record.module + ".properties");
        Path next = dir.resolve(record.module + ".properties.next");
        synchronized (record) {
            write(record, file, next);
        }
    }

    private static void write(ModuleRecord record, Path file, Path next) {
        try {
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                record.toProperties().store(out, "Graft deployment state of " + record.module + " (written by Graft)");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the deployment state of " + record.module + " in " + file, e);
        }
    }
}
