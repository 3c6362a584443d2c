package dev.graft.routing.internal.config;

import dev.graft.routing.internal.select.SplitPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Every valid canary configuration; finds the one for a route. Configurations are indexed by their
 * target as they come, change and go, so a request's lookup does not depend on how many there are.
 */
@Component(service = SplitPolicies.class)
public class SplitPolicies {

    private final PolicyIndex index = new PolicyIndex();
    private final Map<CanaryConfiguration, PolicyIndex.Indexed> indexed = new HashMap<>(); // guarded by this

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindConfiguration", updated = "updatedConfiguration")
    synchronized void bindConfiguration(CanaryConfiguration configuration, Map<String, Object> properties) {
        long serviceId = properties.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE;
        // an invalid configuration is kept (not indexed): a later fix of it arrives as an update
        PolicyIndex.Indexed entry = new PolicyIndex.Indexed(configuration,
                configuration.policy().map(SplitPolicy::target).orElse(null), serviceId);
        PolicyIndex.Indexed previous = indexed.put(configuration, entry);
        if (previous != null && previous.target() != null) {
            index.remove(previous);
        }
        if (entry.target() != null) {
            index.add(entry);
        }
    }

    /** The configuration was modified (its service properties are the configuration's): its target may differ. */
    synchronized void updatedConfiguration(CanaryConfiguration configuration, Map<String, Object> properties) {
        bindConfiguration(configuration, properties);
    }

    synchronized void unbindConfiguration(CanaryConfiguration configuration) {
        PolicyIndex.Indexed previous = indexed.remove(configuration);
        if (previous != null && previous.target() != null) {
            index.remove(previous);
        }
    }

    /** @return the split for a route: one naming the route itself wins over one naming its module */
    public SplitPolicy policyFor(String method, String template, String module) {
        return index.policyFor(method, template, module);
    }

    public synchronized List<SplitPolicy> all() {
        return indexed.keySet().stream().flatMap(c -> c.policy().stream()).toList();
    }
}
