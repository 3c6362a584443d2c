package dev.graft.metrics.internal.web;

import dev.graft.api.health.CheckResultDTO;
import dev.graft.api.health.HealthReportDTO;
import dev.graft.api.health.ModuleHealthDTO;
import java.time.Instant;
import java.util.List;

/** The health endpoints' JSON bodies. */
final class Json {

    private Json() {}

    static String report(HealthReportDTO report) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\"status\":").append(string(report.ready ? "UP" : "DOWN"));
        out.append(",\"ready\":").append(report.ready);
        out.append(",\"at\":").append(string(Instant.ofEpochMilli(report.at).toString()));
        out.append(",\"reasons\":[");
        appendAll(out, report.reasons.stream().map(Json::string).toList());
        out.append("],\"modules\":[");
        appendAll(out, report.modules.stream().map(Json::module).toList());
        out.append("],\"checks\":[");
        appendAll(out, report.checks.stream().map(Json::check).toList());
        return out.append("]}\n").toString();
    }

    static String live() {
        return "{\"status\":\"UP\",\"live\":true}\n";
    }

    static String error(String code, String message) {
        return "{\"error\":" + string(code) + ",\"message\":" + string(message) + "}\n";
    }

    private static String module(ModuleHealthDTO m) {
        return "{\"name\":" + string(m.name) + ",\"version\":" + string(m.version) + ",\"state\":" + string(m.state)
                + ",\"since\":" + (m.since <= 0 ? "null" : string(Instant.ofEpochMilli(m.since).toString()))
                + ",\"lastError\":" + string(m.lastError) + ",\"blocksReadiness\":" + m.blocking + "}";
    }

    private static String check(CheckResultDTO c) {
        return "{\"name\":" + string(c.name) + ",\"module\":" + string(c.module) + ",\"healthy\":" + c.healthy
                + ",\"message\":" + string(c.message) + ",\"millis\":" + c.millis + "}";
    }

    private static void appendAll(StringBuilder out, List<String> items) {
        out.append(String.join(",", items));
    }

    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
