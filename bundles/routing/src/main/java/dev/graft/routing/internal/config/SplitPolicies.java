package dev.graft.routing.internal.config;

import dev.graft.routing.internal.select.SplitPolicy;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Every valid canary configuration; finds the one for a route. */
@Component(service = SplitPolicies.class)
public class SplitPolicies {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<CanaryConfiguration> configurations = List.of();

    /** @return the split for a route: one naming the route itself wins over one naming its module */
    public SplitPolicy policyFor(String method, String template, String module) {
        List<CanaryConfiguration> current = configurations; // copy: the list may be replaced meanwhile
        SplitPolicy forModule = null;
        for (CanaryConfiguration configuration : current) {
            Optional<SplitPolicy> policy = configuration.policy();
            if (policy.isPresent() && policy.get().appliesTo(method, template, module)) {
                if (policy.get().target().equals(method + " " + template)) {
                    return policy.get();
                }
                forModule = policy.get();
            }
        }
        return forModule;
    }

    public List<SplitPolicy> all() {
        return configurations.stream().flatMap(c -> c.policy().stream()).toList();
    }
}
