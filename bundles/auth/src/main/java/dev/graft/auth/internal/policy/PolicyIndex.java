package dev.graft.auth.internal.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.Version;

/** The operator policies in force, most specific first. Immutable: replaced as a whole on change. */
public final class PolicyIndex {

    public static final PolicyIndex EMPTY = new PolicyIndex(List.of());

    private final Policy[] policies;

    public PolicyIndex(List<Policy> policies) {
        List<Policy> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparingLong(Policy::specificity).reversed().thenComparing(Policy::name));
        this.policies = sorted.toArray(new Policy[0]);
    }

    /** @return the most specific policy for the request, or null if none applies */
    public Policy find(String method, String path, String module, Version version) {
        for (Policy policy : policies) {
            if (policy.matches(method, path, module, version)) {
                return policy;
            }
        }
        return null;
    }

    public List<Policy> all() {
        return List.of(policies);
    }
}
