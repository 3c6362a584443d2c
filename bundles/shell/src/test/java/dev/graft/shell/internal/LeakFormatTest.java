package dev.graft.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.deploy.dto.LeakDTO;
import dev.graft.api.deploy.dto.LeakReportDTO;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakFormatTest {

    private static final String NL = System.lineSeparator();

    @Test
    void nothingLeakingSaysHowManyVersionsWereChecked() {
        assertEquals("no leaks: 50 retired module versions checked, every class loader collected",
                DeploymentFormat.leaks(report(50)));
        assertEquals("no leaks: 1 retired module version checked, every class loader collected",
                DeploymentFormat.leaks(report(1)));
    }

    @Test
    void aLeakNamesTheModuleAndTheThreadsOrSaysThatNoThreadHoldsIt() {
        LeakReportDTO report = report(3,
                leak("demo.leaky", "1.0.0", List.of("\"leaky-worker\" (runs demo.Leaky.run)"), List.of()),
                leak("demo.held", "2.0.0", List.of(), List.of()));

        String[] lines = DeploymentFormat.leaks(report).split(NL);

        assertEquals("2 of 3 retired module versions still in memory after a garbage collection:", lines[0]);
        assertTrue(lines[1].startsWith("demo.leaky 1.0.0  retired "), lines[1]);
        assertEquals("    held by thread \"leaky-worker\" (runs demo.Leaky.run)", lines[2]);
        assertTrue(lines[3].startsWith("demo.held 2.0.0  retired "), lines[3]);
        assertTrue(lines[4].startsWith("    held by no thread: by another object"), lines[4]);
    }

    private static LeakReportDTO report(int checked, LeakDTO... leaks) {
        LeakReportDTO report = new LeakReportDTO();
        report.checked = checked;
        report.leaks = List.of(leaks);
        return report;
    }

    private static LeakDTO leak(String module, String version, List<String> threads, List<String> roots) {
        LeakDTO leak = new LeakDTO();
        leak.module = module;
        leak.version = version;
        leak.retiredAt = 0;
        leak.threads = threads;
        leak.roots = roots;
        return leak;
    }
}
