package dev.graft.shell.internal;

import dev.graft.api.health.CheckResultDTO;
import dev.graft.api.health.HealthReportDTO;
import dev.graft.api.health.HealthService;
import dev.graft.api.health.ModuleHealthDTO;
import dev.graft.api.metrics.MetricsService;
import dev.graft.api.metrics.SampleDTO;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code graft:health} and {@code graft:metrics}: readiness and the metrics registry from the
 * shell, each a thin call of {@link HealthService} or {@link MetricsService} (both from the
 * {@code dev.graft.metrics} bundle; without it the commands say so).
 */
@Component(service = HealthCommands.class)
@GogoCommand(scope = GogoCommand.GRAFT, function = {"health", "metrics"})
public class HealthCommands {

    private static final String NL = System.lineSeparator();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private static final String HEALTH_TEXT = "say whether Graft is ready (as GET /health/ready): each module's version,"
            + " state, since when and last error, each health check, and why it is not ready";
    private static final String METRICS_TEXT = "list the metrics (as GET /metrics has them) as a table: name, labels,"
            + " value; only those whose name contains the filter";

    static final Usage HEALTH = new Usage("health", HEALTH_TEXT, List.of(), "", 0, 0, "");
    static final Usage METRICS = new Usage("metrics", METRICS_TEXT, List.of(), "[<name-filter>]", 0, 1,
            "graft:metrics graft_http_requests");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthService health;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetricsService metrics;

    @Descriptor(HEALTH_TEXT)
    public String health(@Descriptor("none") String... args) {
        if (Arguments.parse(HEALTH, args).helpRequested()) {
            return HEALTH.help();
        }
        HealthService service = health;
        if (service == null) {
            throw HEALTH.refused("no health service: the bundle dev.graft.metrics is not active", null);
        }
        return format(service.ready());
    }

    @Descriptor(METRICS_TEXT)
    public String metrics(@Descriptor("[<name-filter>]") String... args) {
        Arguments parsed = Arguments.parse(METRICS, args);
        if (parsed.helpRequested()) {
            return METRICS.help();
        }
        MetricsService service = metrics;
        if (service == null) {
            throw METRICS.refused("no metrics service: the bundle dev.graft.metrics is not active", null);
        }
        String filter = parsed.operands().isEmpty() ? null : parsed.operands().get(0);
        return format(service.samples(filter), filter);
    }

    static String format(HealthReportDTO report) {
        StringBuilder out = new StringBuilder(report.ready ? "READY" : "NOT READY");
        for (String reason : report.reasons) {
            out.append(NL).append("  - ").append(reason);
        }
        out.append(NL).append(NL);
        if (report.modules.isEmpty()) {
            out.append("no module has been deployed");
        } else {
            out.append(String.format("%-32s %-10s %-9s %-19s %s", "MODULE", "VERSION", "STATE", "SINCE", "LAST ERROR"));
            for (ModuleHealthDTO m : report.modules) {
                out.append(NL).append(String.format("%-32s %-10s %-9s %-19s %s", m.name, m.version == null ? "-" : m.version,
                        m.state, m.since <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(m.since)),
                        m.lastError == null ? "-" : m.lastError));
            }
        }
        out.append(NL).append(NL);
        if (report.checks.isEmpty()) {
            out.append("no health checks registered");
        } else {
            out.append(String.format("%-24s %-32s %-9s %7s  %s", "CHECK", "MODULE", "RESULT", "MS", "MESSAGE"));
            for (CheckResultDTO c : report.checks) {
                out.append(NL).append(String.format("%-24s %-32s %-9s %7d  %s", c.name, c.module,
                        c.healthy ? "healthy" : "UNHEALTHY", c.millis, c.message));
            }
        }
        return out.toString();
    }

    static String format(List<SampleDTO> samples, String filter) {
        if (samples.isEmpty()) {
            return filter == null ? "no metrics" : "no metric name contains '" + filter + "'";
        }
        int nameWidth = Math.min(60, samples.stream().mapToInt(s -> s.name.length()).max().orElse(4));
        List<String> labels = samples.stream().map(s -> labels(s.labels)).toList();
        int labelWidth = Math.min(90, labels.stream().mapToInt(String::length).max().orElse(6));
        String row = "%-" + nameWidth + "s  %-" + Math.max(6, labelWidth) + "s  %s";
        StringBuilder out = new StringBuilder(String.format(row, "NAME", "LABELS", "VALUE"));
        for (int i = 0; i < samples.size(); i++) {
            out.append(NL).append(String.format(row, samples.get(i).name, labels.get(i), value(samples.get(i).value)));
        }
        return out.toString();
    }

    private static String labels(Map<String, String> labels) {
        return labels.isEmpty() ? "-" : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String value(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
