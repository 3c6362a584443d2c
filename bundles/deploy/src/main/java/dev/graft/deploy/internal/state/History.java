package dev.graft.deploy.internal.state;

import dev.graft.api.deploy.dto.DeploymentDTO;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every deployment's outcome, one tab-separated line each in {@code data/deploy/history.tsv},
 * appended as it ends. The newest {@value #KEPT} stay in memory for the shell and the API.
 */
public final class History {

    static final int KEPT = 1000;
    private static final String[] NO_FIELDS = new String[0];

    private final Path file;
    private final List<DeploymentDTO> entries = new ArrayList<>();

    public History(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                DeploymentDTO dto = parse(line);
                if (dto != null) {
                    entries.add(dto);
                }
            }
            trim();
        }
    }

    public synchronized void add(DeploymentDTO dto) {
        entries.add(dto);
        trim();
        String line = String.join("\t", clean(Long.toString(dto.startedAt)), clean(Long.toString(dto.endedAt)),
                clean(dto.module), clean(dto.version), clean(dto.previousVersion), clean(dto.source), clean(dto.file),
                clean(dto.sha256), clean(dto.outcome), clean(dto.failureCode), clean(dto.message)) + "\n";
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(line);
        } catch (IOException e) {
            // the history in memory still has it; the log line of the deployment is the record
        }
    }

    /** @return the entries of this module (null: all), oldest first */
    public synchronized List<DeploymentDTO> of(String module) {
        return entries.stream().filter(e -> module == null || Objects.equals(module, e.module)).toList();
    }

    private void trim() {
        if (entries.size() > KEPT) {
            entries.subList(0, entries.size() - KEPT).clear();
        }
    }

    private static String clean(String value) {
        return value == null ? "-" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static DeploymentDTO parse(String line) {
        String[] f = line.isEmpty() ? NO_FIELDS : line.split("\t", -1);
        if (f.length != 11) {
            return null; // a line cut by a crash
        }
        DeploymentDTO dto = new DeploymentDTO();
        try {
            dto.startedAt = Long.parseLong(f[0]);
            dto.endedAt = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        dto.module = value(f[2]);
        dto.version = value(f[3]);
        dto.previousVersion = value(f[4]);
        dto.source = value(f[5]);
        dto.file = value(f[6]);
        dto.sha256 = value(f[7]);
        dto.outcome = value(f[8]);
        dto.failureCode = value(f[9]);
        dto.message = value(f[10]);
        return dto;
    }

    private static String value(String field) {
        return "-".equals(field) ? null : field;
    }
}
