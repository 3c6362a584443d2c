package dev.graft.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.health.CheckResultDTO;
import dev.graft.api.health.HealthReportDTO;
import dev.graft.api.health.ModuleHealthDTO;
import dev.graft.api.metrics.SampleDTO;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HealthCommandsTest {

    private static final String NL = System.lineSeparator();

    @Test
    void aReportIsTheVerdictItsReasonsAndATablePerModuleAndCheck() {
        HealthReportDTO report = new HealthReportDTO();
        report.ready = false;
        report.reasons = List.of("shop:1.0.0 is STOPPED", "health check db of shop:1.0.0: timed out after 500 ms");
        ModuleHealthDTO module = new ModuleHealthDTO();
        module.name = "shop";
        module.version = "1.0.0";
        module.state = "STOPPED";
        report.modules = List.of(module);
        CheckResultDTO check = new CheckResultDTO();
        check.name = "db";
        check.module = "shop:1.0.0";
        check.message = "timed out after 500 ms";
        check.millis = 500;
        report.checks = List.of(check);
        String text = HealthCommands.format(report);
        assertTrue(text.startsWith("NOT READY" + NL + "  - shop:1.0.0 is STOPPED" + NL), text);
        assertTrue(text.contains(NL + "shop                             1.0.0      STOPPED   -                   -"), text);
        assertTrue(text.contains("db                       shop:1.0.0                       UNHEALTHY     500  timed out after 500 ms"), text);
    }

    @Test
    void samplesAreATableOfNameLabelsAndValue() {
        SampleDTO sample = new SampleDTO();
        sample.name = "graft_http_requests_total";
        sample.labels = new TreeMap<>(java.util.Map.of("route", "/hello", "version", "1.0.0"));
        sample.value = 12;
        String text = HealthCommands.format(List.of(sample), "requests");
        // columns as wide as their widest cell, two spaces apart
        assertEquals(String.format("%-25s  %-26s  %s", "NAME", "LABELS", "VALUE") + NL
                + "graft_http_requests_total  route=/hello version=1.0.0  12", text);
        assertEquals("no metric name contains 'x'", HealthCommands.format(List.of(), "x"));
    }

    @Test
    void withoutTheMetricsBundleTheCommandsSaySo() {
        HealthCommands commands = new HealthCommands();
        CommandFailure failure = assertThrows(CommandFailure.class, commands::health);
        assertTrue(failure.getMessage().contains("dev.graft.metrics is not active"), failure.getMessage());
    }
}
