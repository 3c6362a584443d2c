package dev.graft.shell.internal;

import dev.graft.api.nativebridge.dto.NativeLibraryDTO;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** How {@code graft:native} shows the libraries: a table, then per library its copy, release and last error. */
final class NativeFormat {

    private NativeFormat() {}

    static String libraries(List<NativeLibraryDTO> libraries) {
        if (libraries.isEmpty()) {
            return "no native library is declared (a module's Graft-NativeLibrary header, or deploy/native/<name>.properties)";
        }
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder(String.format("%-16s %-10s %-10s %-12s %8s %6s %8s %7s %-20s %s",
                "LIBRARY", "STATE", "MODE", "VERSION", "CALLS", "INSIDE", "FAILURES", "RELOADS", "LOADED", "SOURCE"));
        for (NativeLibraryDTO l : libraries) {
            out.append(nl).append(String.format("%-16s %-10s %-10s %-12s %8d %6d %8d %7d %-20s %s", l.name, l.state,
                    l.mode == null ? "-" : l.mode, l.version == null ? "-" : l.version, l.calls, l.inFlight, l.failures,
                    l.reloads, l.loadedAt == 0 ? "-" : Instant.ofEpochMilli(l.loadedAt).truncatedTo(ChronoUnit.SECONDS),
                    l.source == null ? "-" : l.source));
            if (l.path != null) {
                out.append(nl).append("  loaded from ").append(l.path).append(" (copy of ").append(l.origin).append(')');
            }
            if (l.restarts > 0) {
                out.append(nl).append("  worker restarts: ").append(l.restarts);
            }
            String release = release(l);
            if (!release.isEmpty()) {
                out.append(nl).append(" ").append(release.substring(1));
            }
            if (l.lastErrorCode != null) {
                out.append(nl).append("  last error: ").append(l.lastErrorCode).append(' ').append(l.lastError);
            }
        }
        return out.toString();
    }

    /** @return {@code "; the previous version …"} or empty */
    static String release(NativeLibraryDTO l) {
        if (l.lastReleaseUnmapped == null) {
            return "";
        }
        return l.lastReleaseUnmapped ? "; the previous version was released and unmapped"
                : "; the previous version was released, but the OS did not unmap it (it stays in /proc/self/maps)";
    }
}
