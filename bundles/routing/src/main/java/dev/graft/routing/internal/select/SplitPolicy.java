package dev.graft.routing.internal.select;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Version;

/**
 * A weighted split between versions of a module (or of one route): weights by exact version, the
 * header whose value keeps a client on one version, and the header that forces or avoids the canary.
 *
 * <p>The canary is the weighted version with the smallest weight (the highest such version on a
 * tie); a weight of 0 makes a dark canary, reachable only through the canary header.
 *
 * @param target a module's symbolic name, its last segment, or {@code "METHOD /template"}
 * @param stickyHeader the header that keys the split (empty: the client address)
 * @param canaryHeader the header whose value {@code always} or {@code never} forces or avoids the canary
 */
public record SplitPolicy(String target, Map<Version, Integer> weights, String stickyHeader, String canaryHeader) {

    public SplitPolicy {
        weights = Collections.unmodifiableMap(new TreeMap<>(weights));
    }

    /**
     * Parses {@code "1.0.0=90, 2.0.0=10"}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Map<Version, Integer> parseWeights(String text) {
        Map<Version, Integer> weights = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return weights;
        }
        for (String item : text.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + entry + "' is not version=weight");
            }
            Version version;
            try {
                version = Version.parseVersion(entry.substring(0, eq).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + entry.substring(0, eq).trim() + "' is not a version");
            }
            int weight;
            try {
                weight = Integer.parseInt(entry.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                weight = -1;
            }
            if (weight < 0) {
                throw new IllegalArgumentException("weight '" + entry.substring(eq + 1).trim() + "' of " + version
                        + " must be a whole number, 0 or more");
            }
            weights.put(version, weight);
        }
        return weights;
    }

    /** @return weights as {@code 1.0.0=90,2.0.0=10}, the form {@link #parseWeights} reads */
    public static String format(Map<Version, Integer> weights) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(weights).forEach((v, w) -> text.append(text.length() == 0 ? "" : ",").append(v).append('=').append(w));
        return text.toString();
    }

    /** @return whether this policy applies to a route of the module with this symbolic name */
    public boolean appliesTo(String method, String template, String module) {
        return target.equals(method + " " + template) || target.equals(module) || module.endsWith("." + target);
    }
}
