package dev.graft.routing.internal.admin;

import dev.graft.api.FailureCode;
import dev.graft.api.route.dto.FailureDTO;
import dev.graft.routing.internal.failure.Rejections;
import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.api.route.dto.RouteDecisionDTO;
import dev.graft.routing.internal.RouteDTOs;
import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.config.SplitPolicies;
import dev.graft.routing.internal.select.RouteResolver;
import dev.graft.routing.internal.select.Selection;
import dev.graft.routing.internal.select.SplitPolicy;
import dev.graft.routing.internal.select.VersionSelector;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteMatch;
import dev.graft.routing.internal.table.RouteTable;
import dev.graft.routing.internal.traffic.TrafficStates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The router's state and controls, for the shell and the admin API. */
@Component(service = RouteAdmin.class)
public class RouteAdminImpl implements RouteAdmin {

    private final RouteRegistry registry;
    private final SplitPolicies policies;
    private final RouteResolver resolver;
    private final ConfigurationAdmin configurationAdmin;
    private final Rejections rejections;

    @Activate
    public RouteAdminImpl(@Reference RouteRegistry registry, @Reference SplitPolicies policies,
            @Reference ConfigurationAdmin configurationAdmin, @Reference Rejections rejections) {
        this.registry = registry;
        this.rejections = rejections;
        this.policies = policies;
        this.resolver = new RouteResolver(registry.table(), policies);
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public List<RouteDTO> routes() {
        RouteTable table = registry.table();
        Set<RouteEntry> conflicts = Set.copyOf(table.conflicts());
        List<RouteDTO> result = new ArrayList<>();
        for (RouteEntry entry : table.routes()) {
            TrafficStates.State traffic = registry.traffic().of(entry.moduleHeader());
            if (traffic == TrafficStates.State.STANDBY || traffic == TrafficStates.State.RETIRED) {
                result.add(RouteDTOs.of(entry, traffic == TrafficStates.State.STANDBY ? RouteDTO.STATE_STANDBY
                        : RouteDTO.STATE_RETIRED));
                continue;
            }
            RouteDTO dto = RouteDTOs.of(entry, conflicts.contains(entry) ? RouteDTO.STATE_CONFLICT : RouteDTO.STATE_ACTIVE);
            // the table may change while it is listed: each step copes with a route gone meanwhile
            List<RouteEntry> serving = table.serving(entry.method(), entry.template());
            if (conflicts.contains(entry)) {
                dto.failureCode = FailureCode.E_ROUTE_CONFLICT.name();
                dto.failureReason = serving.isEmpty() ? "another module's route is being updated"
                        : serving.get(0).moduleId() + " already serves " + serving.get(0).method() + " " + serving.get(0).template();
            } else if (!serving.isEmpty()) {
                SplitPolicy policy = policies.policyFor(entry.method(), serving.get(0).template().toString(), entry.module());
                Integer weight = policy == null ? null : policy.weights().get(entry.version());
                dto.weight = weight == null ? -1 : weight;
                dto.isDefault = serving.get(0) == entry;
            }
            result.add(dto);
        }
        registry.draining().forEach(entry -> result.add(RouteDTOs.of(entry, RouteDTO.STATE_DRAINING)));
        result.sort(Comparator.<RouteDTO, String>comparing(d -> d.path).thenComparing(d -> d.method)
                .thenComparing(d -> Version.parseVersion(d.version), Comparator.reverseOrder()));
        return result;
    }

    @Override
    public List<FailureDTO> failures() {
        return rejections.all();
    }

    @Override
    public RouteDecisionDTO explain(String method, String path, Map<String, String> headers, String clientAddress) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        String upper = method.toUpperCase(java.util.Locale.ROOT);
        String address = clientAddress == null ? "127.0.0.1" : clientAddress;
        RouteResolver.Resolution resolution = resolver.resolve(upper, path, byName::get, () -> address);
        RouteDecisionDTO decision = new RouteDecisionDTO();
        decision.candidates = new String[0];
        RouteMatch match = resolution.match();
        if (match instanceof RouteMatch.Found found) {
            decision.path = found.candidates().get(0).template().toString();
            decision.candidates = found.candidates().stream().map(RouteEntry::moduleHeader).toArray(String[]::new);
            Selection selection = resolution.selection();
            if (selection instanceof Selection.Chosen chosen) {
                decision.status = 200;
                decision.module = chosen.route().moduleHeader();
                decision.reason = chosen.reason();
            } else if (selection instanceof Selection.NoSuchVersion none) {
                decision.status = 404;
                decision.reason = "no active version matches " + VERSION_HEADER + ": " + none.requested()
                        + "; versions: " + String.join(", ", none.available());
                long awaited = VersionSelector.awaitedUntil(found.updating(), none.requested());
                if (awaited != 0) {
                    decision.reason += "; a matching version is being updated: requests wait up to "
                            + TimeUnit.NANOSECONDS.toMillis(awaited - System.nanoTime()) + " ms more for it";
                }
            } else if (selection instanceof Selection.BadVersion bad) {
                decision.status = 400;
                decision.reason = bad.message();
            }
        } else if (match instanceof RouteMatch.Held held) {
            decision.status = 503;
            decision.reason = "the route's module is being updated; requests wait up to "
                    + TimeUnit.NANOSECONDS.toMillis(held.untilNanos() - System.nanoTime()) + " ms more for it";
        } else if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            decision.status = 405;
            decision.reason = upper + " is not allowed on " + path + "; allowed: " + String.join(", ", notAllowed.allowed());
        } else {
            decision.status = 404;
            decision.reason = "no route matches " + upper + " " + path;
        }
        return decision;
    }

    @Override
    public void setWeights(String target, Map<String, Integer> weights, String stickyHeader) throws IOException {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("name a module (e.g. hello) or a route (e.g. 'GET /hello')");
        }
        Map<Version, Integer> parsed = new TreeMap<>();
        weights.forEach((version, weight) -> {
            if (weight == null || weight < 0) {
                throw new IllegalArgumentException("weight of " + version + " must be a whole number, 0 or more");
            }
            try {
                parsed.put(Version.parseVersion(version.trim()), weight);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + version + "' is not a version");
            }
        });
        ConfigurationAdmin admin = configurationAdmin;
        Configuration[] existing = existing(admin, target.trim());
        if (parsed.isEmpty()) {
            if (existing.length == 0) {
                throw new IllegalArgumentException(noCanary(admin, target.trim()));
            }
            for (Configuration configuration : existing) {
                configuration.delete();
            }
            return;
        }
        checkServed(target.trim(), parsed.keySet());
        Configuration configuration = existing.length > 0 ? existing[0]
                : admin.getFactoryConfiguration(CANARY_FACTORY_PID, target.trim().replaceAll("[^A-Za-z0-9._-]", "-"), "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null
                ? new Hashtable<>() : configuration.getProperties();
        properties.put("target", target.trim());
        properties.put("weights", SplitPolicy.format(parsed));
        if (stickyHeader != null) {
            properties.put("sticky.header", stickyHeader.trim());
        }
        configuration.update(properties);
    }

    // A split set through this API names what is served now: a typo is an error here, not a canary
    // that silently never applies. (A .cfg file may prepare one ahead; it is not checked.)
    private void checkServed(String target, Set<Version> versions) {
        List<RouteEntry> routes = registry.table().routes();
        SplitPolicy probe = new SplitPolicy(target, Map.of(), "", "");
        Set<Version> served = new TreeSet<>(Comparator.reverseOrder());
        for (RouteEntry route : routes) {
            if (probe.appliesTo(route.method(), route.template().toString(), route.module())) {
                served.add(route.version());
            }
        }
        if (served.isEmpty()) {
            Set<String> modules = new TreeSet<>();
            routes.forEach(route -> modules.add(route.module()));
            throw new IllegalArgumentException("no module or route named '" + target + "'; "
                    + (modules.isEmpty() ? "no module serves routes now"
                            : "modules that serve routes: " + String.join(", ", modules)));
        }
        for (Version version : versions) {
            if (!served.contains(version)) {
                throw new IllegalArgumentException("'" + target + "' has no version " + version + "; its versions: "
                        + String.join(", ", served.stream().map(Version::toString).toList()));
            }
        }
    }

    private static String noCanary(ConfigurationAdmin admin, String target) throws IOException {
        Set<String> targets = new TreeSet<>();
        try {
            Configuration[] all = admin.listConfigurations("(service.factoryPid=" + CANARY_FACTORY_PID + ")");
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                Object other = configuration.getProperties() == null ? null : configuration.getProperties().get("target");
                if (other != null) {
                    targets.add(other.toString());
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        return "no canary for '" + target + "'" + (targets.isEmpty() ? "" : "; canaries: " + String.join(", ", targets));
    }

    private static Configuration[] existing(ConfigurationAdmin admin, String target) throws IOException {
        String filter = "(&(service.factoryPid=" + CANARY_FACTORY_PID + ")(target=" + escape(target) + "))";
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("'" + target + "' cannot be used as a target: " + e.getMessage());
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }

    @Override
    public long unroutedRequests(int statusClass) {
        return registry.unrouted().count(statusClass);
    }
}
