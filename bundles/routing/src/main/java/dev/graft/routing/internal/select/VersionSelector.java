package dev.graft.routing.internal.select;

import dev.graft.api.route.RouteAdmin;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteMatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.framework.Version;

/**
 * Chooses the version of a route that serves a request: the version header, then the canary
 * header, then the weighted split, else the highest version. Stateless; thread safe. The reason
 * for a choice is text built only when asked for, never while serving.
 */
public final class VersionSelector {

    private static final Supplier<String> ONLY_VERSION = () -> "the only active version";

    private VersionSelector() {}

    /**
     * For a request whose version header no active version matched: until when it should wait,
     * because a version it would match is being updated and its successor may match too.
     *
     * @return a {@link System#nanoTime()} deadline, or 0 not to wait
     */
    public static long awaitedUntil(List<RouteMatch.Updating> updating, String requested) {
        if (updating.isEmpty()) {
            return 0;
        }
        VersionRequest request = VersionRequest.parse(requested);
        long until = 0;
        for (RouteMatch.Updating each : updating) {
            if (request.matches(each.version()) && (until == 0 || each.untilNanos() - until > 0)) {
                until = each.untilNanos();
            }
        }
        return until;
    }

    /**
     * @param candidates the active versions, highest first (never empty)
     * @param headers request header lookup (null when absent)
     * @param clientAddress the sticky key when the policy names no header, or the header is absent
     *     (asked only then: formatting an address costs)
     * @param policy the split for this route, or null
     */
    public static Selection select(List<RouteEntry> candidates, Function<String, String> headers,
            Supplier<String> clientAddress, SplitPolicy policy) {
        String requested = headers.apply(RouteAdmin.VERSION_HEADER);
        if (requested != null && !requested.isBlank()) {
            VersionRequest request;
            try {
                request = VersionRequest.parse(requested);
            } catch (IllegalArgumentException e) {
                return new Selection.BadVersion(RouteAdmin.VERSION_HEADER + ": " + e.getMessage());
            }
            for (RouteEntry candidate : candidates) {
                if (request.matches(candidate.version())) {
                    return new Selection.Chosen(candidate, () -> RouteAdmin.VERSION_HEADER + ": " + requested.trim()
                            + " selects the highest " + request + ", " + candidate.version());
                }
            }
            return new Selection.NoSuchVersion(requested.trim(), candidates.stream().map(c -> c.version().toString()).toList());
        }
        RouteEntry highest = candidates.get(0);
        if (candidates.size() == 1 && policy == null) {
            return new Selection.Chosen(highest, ONLY_VERSION);
        }
        List<Weighted> weighted = policy == null ? List.of() : present(candidates, policy.weights());
        if (weighted.isEmpty()) {
            return new Selection.Chosen(highest, () -> "no weights apply: the highest active version, " + highest.version());
        }
        Weighted canary = canaryOf(weighted);
        String force = headers.apply(policy.canaryHeader());
        if (force != null && weighted.size() > 1) {
            String value = force.trim().toLowerCase(Locale.ROOT);
            if (value.equals("always")) {
                return new Selection.Chosen(canary.route(), () -> policy.canaryHeader() + ": always selects the canary, "
                        + canary.route().version());
            }
            if (value.equals("never")) {
                List<Weighted> others = weighted.stream().filter(w -> w != canary).toList();
                Weighted chosen = pick(others, stickyKey(headers, clientAddress, policy));
                return new Selection.Chosen(chosen.route(), () -> policy.canaryHeader() + ": never avoids the canary "
                        + canary.route().version() + "; weights give " + chosen.route().version());
            }
        }
        String key = stickyKey(headers, clientAddress, policy);
        Weighted chosen = pick(weighted, key);
        return new Selection.Chosen(chosen.route(), () -> "weights " + describe(weighted) + ", key '" + key + "' gives "
                + chosen.route().version());
    }

    private record Weighted(RouteEntry route, int weight) {}

    // the weighted versions that are active now, lowest version first so buckets are stable
    private static List<Weighted> present(List<RouteEntry> candidates, Map<Version, Integer> weights) {
        List<Weighted> present = new ArrayList<>();
        for (int i = candidates.size() - 1; i >= 0; i--) {
            RouteEntry candidate = candidates.get(i);
            Integer weight = weights.get(candidate.version());
            if (weight != null) {
                present.add(new Weighted(candidate, weight));
            }
        }
        return present;
    }

    private static Weighted canaryOf(List<Weighted> weighted) {
        Weighted canary = weighted.get(0);
        for (Weighted w : weighted) {
            if (w.weight() <= canary.weight()) { // ascending versions: a tie goes to the higher
                canary = w;
            }
        }
        return canary;
    }

    private static Weighted pick(List<Weighted> weighted, String key) {
        int total = weighted.stream().mapToInt(Weighted::weight).sum();
        if (total == 0) {
            return weighted.get(weighted.size() - 1);
        }
        long bucket = Long.remainderUnsigned(hash(key), total);
        for (Weighted w : weighted) {
            bucket -= w.weight();
            if (bucket < 0) {
                return w;
            }
        }
        return weighted.get(weighted.size() - 1);
    }

    private static String stickyKey(Function<String, String> headers, Supplier<String> clientAddress,
            SplitPolicy policy) {
        String header = policy.stickyHeader();
        String value = header == null || header.isBlank() ? null : headers.apply(header);
        return value == null || value.isBlank() ? clientAddress.get() : value.trim();
    }

    /** FNV-1a over the key's bytes, then a 64-bit finalizer, so that close keys spread evenly. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static String describe(List<Weighted> weighted) {
        StringBuilder text = new StringBuilder();
        weighted.forEach(w -> text.append(text.length() == 0 ? "" : "/").append(w.route().version()).append('=').append(w.weight()));
        return text.toString();
    }
}
