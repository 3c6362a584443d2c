package dev.graft.shell.internal;

import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.DryRunDTO;
import dev.graft.api.deploy.dto.ExplanationDTO;
import dev.graft.api.deploy.dto.LeakDTO;
import dev.graft.api.deploy.dto.LeakReportDTO;
import dev.graft.api.deploy.dto.ModuleDTO;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The deployment manager's DTOs as the shell prints them: a table per listing, a line per fact. */
final class DeploymentFormat {

    private static final String NL = System.lineSeparator();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private DeploymentFormat() {}

    static String modules(List<ModuleDTO> modules) {
        if (modules.isEmpty()) {
            return "no module has been deployed; move a jar into deploy/ or use graft:deploy <file>";
        }
        StringBuilder out = new StringBuilder(String.format("%-32s %-10s %-9s %-18s %-19s %-17s %s", "MODULE", "VERSION",
                "STATE", "CANDIDATE", "SINCE", "LAST FAILURE", "ROLLBACK TO"));
        for (ModuleDTO m : modules) {
            String candidate = m.candidate == null ? "-" : m.candidate + (m.candidateWeight >= 0 ? " (" + m.candidateWeight + "%)" : "");
            out.append(NL).append(String.format("%-32s %-10s %-9s %-18s %-19s %-17s %s", m.module, dash(m.version), m.state,
                    candidate, m.since == 0 ? "-" : TIME.format(Instant.ofEpochMilli(m.since)), dash(m.lastFailureCode),
                    dash(m.lastKnownGood)));
        }
        return out.toString();
    }

    static String history(List<DeploymentDTO> entries) {
        if (entries.isEmpty()) {
            return "no deployments yet";
        }
        StringBuilder out = new StringBuilder();
        for (DeploymentDTO d : entries) {
            if (out.length() > 0) {
                out.append(NL);
            }
            out.append(TIME.format(Instant.ofEpochMilli(d.startedAt))).append("  ")
                    .append(d.module == null ? "?" : d.module).append(' ').append(dash(d.version))
                    .append("  ").append(d.outcome).append(d.failureCode == null ? "" : " " + d.failureCode)
                    .append("  from ").append(d.source).append(d.previousVersion == null ? "" : ", replacing " + d.previousVersion)
                    .append(NL).append("    ").append(d.message);
        }
        return out.toString();
    }

    static String leaks(LeakReportDTO report) {
        String checked = report.checked + " retired module version" + (report.checked == 1 ? "" : "s");
        if (report.leaks.isEmpty()) {
            return "no leaks: " + checked + " checked, every class loader collected";
        }
        StringBuilder out = new StringBuilder().append(report.leaks.size()).append(" of ").append(checked)
                .append(" still in memory after a garbage collection:");
        for (LeakDTO leak : report.leaks) {
            out.append(NL).append(leak.module).append(' ').append(leak.version).append("  retired ")
                    .append(TIME.format(Instant.ofEpochMilli(leak.retiredAt)));
            leak.threads.forEach(thread -> out.append(NL).append("    held by thread ").append(thread));
            leak.roots.forEach(root -> out.append(NL).append("    ").append(root));
            if (leak.threads.isEmpty() && leak.roots.isEmpty()) {
                out.append(NL).append("    held by no thread: by another object (a static field, a registry, a thread"
                        + " local); a heap dump (jcmd <pid> GC.heap_dump) shows which");
            }
        }
        return out.toString();
    }

    static String why(ExplanationDTO why) {
        StringBuilder out = new StringBuilder(why.module).append(": ").append(why.state)
                .append(why.failureCode == null ? "" : " (" + why.failureCode + ")");
        why.lines.forEach(line -> out.append(NL).append("  ").append(line));
        return out.toString();
    }

    static String dryRun(DryRunDTO dto) {
        StringBuilder out = new StringBuilder("dry run: ").append(dto.file);
        if (dto.module != null) {
            out.append(NL).append("  module:    ").append(dto.module).append(' ').append(dto.version);
            out.append(NL).append("  replaces:  ").append(dto.replaces == null ? "nothing (installed beside the others)" : dto.replaces);
            out.append(NL).append("  refreshes: ").append(dto.refreshes.isEmpty() ? "nothing" : String.join(", ", dto.refreshes));
        }
        out.append(NL).append("  ").append(dto.failureCode == null ? "" : dto.failureCode + ": ").append(dto.message);
        return out.toString();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
