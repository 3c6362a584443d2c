package dev.graft.auth.internal.policy;

import java.util.Arrays;
import java.util.Dictionary;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * One operator policy ({@code etc/dev.graft.auth.policy-<name>.cfg}): which requests it applies to
 * (a path pattern, and optionally methods, a module and a version range) and what it requires.
 * Immutable; {@link #parse} throws {@link IllegalArgumentException} with a message for the operator.
 *
 * @param rate requests per second per principal (0: no limit)
 * @param burst the token bucket's size
 */
public record Policy(String name, String pattern, Set<String> methods, String module, VersionRange versions,
        Access access, List<String> authenticators, Set<String> roles, Set<String> scopes, double rate, int burst) {

    /** The fallback for paths no policy matches. */
    public static Policy fallback(Access access, List<String> authenticators, double rate, int burst) {
        return new Policy("default", "/*", Set.of(), null, null, access, authenticators, Set.of(), Set.of(), rate, burst);
    }

    public static Policy parse(String name, Dictionary<String, ?> properties) {
        String pattern = string(properties, "pattern", null);
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is missing (e.g. pattern=/orders/*)");
        }
        pattern = pattern.trim();
        if (!pattern.startsWith("/") || (pattern.contains("*") && !pattern.endsWith("/*"))
                || pattern.indexOf('*') != pattern.lastIndexOf('*')) {
            throw new IllegalArgumentException("pattern '" + pattern + "' is not /exact, /prefix/* or /*");
        }
        Set<String> methods = new LinkedHashSet<>();
        for (String method : list(properties, "methods")) {
            methods.add(method.toUpperCase(Locale.ROOT));
        }
        String module = string(properties, "module", null);
        String range = string(properties, "versions", null);
        VersionRange versions;
        try {
            versions = range == null ? null : new VersionRange(range.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("versions '" + range + "' is not a version range (e.g. [1.0,2))");
        }
        Set<String> roles = new LinkedHashSet<>(list(properties, "roles"));
        Set<String> scopes = new LinkedHashSet<>(list(properties, "scopes"));
        // requirements imply access=authenticated
        boolean requires = !roles.isEmpty() || !scopes.isEmpty() || !list(properties, "authenticators").isEmpty();
        String accessText = string(properties, "access", requires ? "authenticated" : null);
        if (accessText == null) {
            throw new IllegalArgumentException("access is missing (anonymous, authenticated or deny)");
        }
        Access access = Access.parse(accessText);
        double rate = number(properties, "rate", 0);
        int burst = (int) number(properties, "burst", Math.max(1, Math.ceil(rate)));
        if (rate < 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be 0 or more and burst 1 or more");
        }
        return new Policy(name, pattern, Set.copyOf(methods), module == null ? null : module.trim(), versions, access,
                List.copyOf(list(properties, "authenticators")), Set.copyOf(roles), Set.copyOf(scopes), rate, burst);
    }

    /** @return whether the policy applies to a request (module and version: the chosen route's, or null) */
    public boolean matches(String method, String path, String routeModule, Version routeVersion) {
        if (!methods.isEmpty() && !methods.contains(method)) {
            return false;
        }
        if (module != null && !module.equals(routeModule)) {
            return false;
        }
        if (versions != null && (routeVersion == null || !versions.includes(routeVersion))) {
            return false;
        }
        return matchesPath(pattern, path);
    }

    static boolean matchesPath(String pattern, String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            // "/a/*" matches "/a" and what starts with "/a/"; compared in place: this runs per request and policy
            int prefix = pattern.length() - 2;
            return path.length() == prefix ? path.regionMatches(0, pattern, 0, prefix)
                    : path.regionMatches(0, pattern, 0, prefix + 1);
        }
        return path.equals(pattern);
    }

    /**
     * Higher is more specific: an exact path beats any prefix, a longer prefix a shorter one; at equal
     * paths each of methods, module, versions adds.
     */
    public long specificity() {
        long path = pattern.endsWith("*") ? pattern.length() : 1_000_000L + pattern.length();
        int filters = (methods.isEmpty() ? 0 : 1) + (module == null ? 0 : 1) + (versions == null ? 0 : 1);
        return path * 4 + filters;
    }

    private static String string(Dictionary<String, ?> properties, String key, String fallback) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return value instanceof String[] array ? String.join(",", array) : value.toString();
    }

    static List<String> list(Dictionary<String, ?> properties, String key) {
        Object value = properties.get(key);
        if (value == null) {
            return List.of();
        }
        String[] parts = value instanceof String[] array ? array : value.toString().split(",");
        return Arrays.stream(parts).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    private static double number(Dictionary<String, ?> properties, String key, double fallback) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not a number");
        }
    }
}
