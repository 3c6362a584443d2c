package dev.graft.routing.internal.config;

import dev.graft.routing.internal.select.SplitPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The canary configurations by what they target, so that finding the split of a request costs a
 * few map lookups, whatever the number of configurations, and builds no string. Changes are
 * serialized by the caller; lookups never lock.
 *
 * <p>A target with a space is a route ({@code GET /hello}): indexed by method, then template. Any
 * other target names a module by its symbolic name or its last segments ({@code hello} applies to
 * {@code dev.graft.examples.hello}); the targets that apply to a module are found once per module
 * and kept until the next change.
 */
final class PolicyIndex {

    /** A configuration indexed under one target; among several for one target, the lowest service id wins. */
    record Indexed(CanaryConfiguration configuration, String target, long serviceId) {}

    private static final Comparator<Indexed> FIRST_REGISTERED = Comparator.comparingLong(Indexed::serviceId);

    private final Map<String, Map<String, List<Indexed>>> byRoute = new ConcurrentHashMap<>(); // method, template
    private final Map<String, List<Indexed>> byModuleTarget = new ConcurrentHashMap<>();
    // module -> the module targets that apply to it, the whole name first; replaced (not cleared) on
    // a change, so that a lookup racing the change can only fill the map that is dropped
    private volatile Map<String, List<Indexed>> byModule = new ConcurrentHashMap<>();

    void add(Indexed indexed) {
        change(indexed, true);
    }

    void remove(Indexed indexed) {
        change(indexed, false);
    }

    private void change(Indexed indexed, boolean add) {
        String target = indexed.target();
        int space = target.indexOf(' ');
        if (space >= 0) {
            Map<String, List<Indexed>> templates = byRoute.computeIfAbsent(target.substring(0, space),
                    method -> new ConcurrentHashMap<>());
            changeList(templates, target.substring(space + 1), indexed, add);
        } else {
            changeList(byModuleTarget, target, indexed, add);
        }
        byModule = new ConcurrentHashMap<>();
    }

    // the lists are immutable: a lookup sees a whole old or a whole new one
    private static void changeList(Map<String, List<Indexed>> map, String key, Indexed indexed, boolean add) {
        List<Indexed> next = new ArrayList<>(map.getOrDefault(key, List.of()));
        next.remove(indexed);
        if (add) {
            next.add(indexed);
            next.sort(FIRST_REGISTERED);
        }
        if (next.isEmpty()) {
            map.remove(key);
        } else {
            map.put(key, List.copyOf(next));
        }
    }

    /** @return the split for a route: one naming the route wins over one naming its module; null if none */
    SplitPolicy policyFor(String method, String template, String module) {
        Map<String, List<Indexed>> templates = byRoute.get(method);
        SplitPolicy forRoute = templates == null ? null : firstValid(templates.get(template));
        if (forRoute != null) {
            return forRoute;
        }
        Map<String, List<Indexed>> cache = byModule;
        List<Indexed> forModule = cache.get(module);
        if (forModule == null) {
            forModule = moduleTargets(module);
            cache.putIfAbsent(module, forModule);
        }
        return firstValid(forModule);
    }

    // the whole symbolic name, then each shorter run of last segments: the most specific first
    private List<Indexed> moduleTargets(String module) {
        List<Indexed> found = new ArrayList<>(byModuleTarget.getOrDefault(module, List.of()));
        for (int dot = module.indexOf('.'); dot >= 0; dot = module.indexOf('.', dot + 1)) {
            found.addAll(byModuleTarget.getOrDefault(module.substring(dot + 1), List.of()));
        }
        return List.copyOf(found);
    }

    // the policy is read now, not when indexed: a modified configuration is seen at once; one whose
    // target has changed meanwhile is skipped until it is indexed again
    private static SplitPolicy firstValid(List<Indexed> candidates) {
        if (candidates == null) {
            return null;
        }
        for (Indexed candidate : candidates) {
            SplitPolicy policy = candidate.configuration().policy().orElse(null);
            if (policy != null && policy.target().equals(candidate.target())) {
                return policy;
            }
        }
        return null;
    }
}
