package dev.graft.shell.internal;

import dev.graft.api.route.dto.FailureDTO;
import dev.graft.api.route.dto.RouteDTO;
import java.util.List;

/** Formats the route listing as an aligned table, one line per route version. */
final class RouteTableFormat {

    private RouteTableFormat() {}

    /** The routes, then what the router rejected (invalid route services, configurations). */
    static String format(List<RouteDTO> routes, List<FailureDTO> failures) {
        StringBuilder out = new StringBuilder(format(routes));
        if (!failures.isEmpty()) {
            out.append(System.lineSeparator()).append(System.lineSeparator()).append("rejected:");
            for (FailureDTO failure : failures) {
                out.append(System.lineSeparator()).append("  ").append(failure.code).append("  ").append(failure.subject)
                        .append(": ").append(failure.message);
            }
        }
        return out.toString();
    }

    static String format(List<RouteDTO> routes) {
        if (routes.isEmpty()) {
            return "no routes: no module serves HTTP (deploy one into deploy/)";
        }
        String[][] rows = new String[routes.size() + 1][];
        rows[0] = new String[] {"METHOD", "PATH", "VERSION", "WEIGHT", "MODULE", "STATE", "IN FLIGHT"};
        for (int i = 0; i < routes.size(); i++) {
            RouteDTO r = routes.get(i);
            String weight = r.weight >= 0 ? Integer.toString(r.weight) : r.isDefault ? "default" : "-";
            String state = r.failureCode == null ? r.state : r.state + " " + r.failureCode + ": " + r.failureReason;
            rows[i + 1] = new String[] {r.method, r.path, r.version, weight, r.module, state, Integer.toString(r.inFlight)};
        }
        int[] widths = new int[rows[0].length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length - 1; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString().stripTrailing();
    }
}
