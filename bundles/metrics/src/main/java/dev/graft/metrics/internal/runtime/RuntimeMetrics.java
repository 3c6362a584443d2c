package dev.graft.metrics.internal.runtime;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.health.ModuleHealthDTO;
import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.metrics.internal.http.RequestMetrics;
import dev.graft.metrics.internal.registry.GraftRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Graft's runtime as metrics, read when scraped: each module's state, deployments by outcome and
 * failure code, package refreshes, retired module versions still in memory, routes by state,
 * requests inside each route version (the router's own count: nothing to do per request).
 * Everything comes from Graft's APIs ({@link DeploymentService}, {@link RouteAdmin}) and the
 * framework's events; without the deployment manager or the router their metrics are absent.
 */
@Component(service = {})
public class RuntimeMetrics implements MultiCollector, FrameworkListener {

    private final GraftRegistry graft;
    private final BundleContext context;
    private final long activatedAt = System.currentTimeMillis();
    private final AtomicLong refreshes = new AtomicLong();
    // deployments counted since this component started: by outcome and code, and the entries seen
    private final Map<Labels, Long> deployments = new TreeMap<>();
    private final Set<String> counted = new HashSet<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeploymentService deploymentService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RouteAdmin routeAdmin;

    @Activate
    public RuntimeMetrics(@Reference GraftRegistry graft, BundleContext context) {
        this.graft = graft;
        this.context = context;
        context.addFrameworkListener(this);
        graft.registry().register(this);
    }

    @Deactivate
    void deactivate() {
        graft.registry().unregister(this);
        context.removeFrameworkListener(this);
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
            refreshes.incrementAndGet();
        }
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("graft_module_state", "graft_deployments_pending", "graft_deployments",
                "graft_retired_versions_in_memory", "graft_routes", "graft_refreshes", "graft_http_requests_in_flight", "graft_http_unrouted_requests");
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        snapshots.add(CounterSnapshot.builder().name("graft_refreshes")
                .help("Package refreshes the framework completed since Graft started (each restarts the bundles wired to what changed)")
                .dataPoint(CounterDataPointSnapshot.builder().value(refreshes.get()).build()).build());
        DeploymentService deploy = deploymentService;
        if (deploy != null) {
            modules(deploy, snapshots);
        }
        RouteAdmin routes = routeAdmin;
        if (routes != null) {
            Map<String, Integer> byState = new TreeMap<>();
            for (String state : List.of(RouteDTO.STATE_ACTIVE, RouteDTO.STATE_CONFLICT, RouteDTO.STATE_DRAINING,
                    RouteDTO.STATE_STANDBY, RouteDTO.STATE_RETIRED)) {
                byState.put(state, 0);
            }
            GaugeSnapshot.Builder inFlight = GaugeSnapshot.builder().name("graft_http_requests_in_flight")
                    .help("Requests inside a route now (the router's own count), by route template, method, module and version");
            Map<Labels, Integer> byRoute = new TreeMap<>(); // summed: two services of one version may clash
            for (RouteDTO route : routes.routes()) {
                byState.merge(route.state, 1, Integer::sum);
                byRoute.merge(Labels.of("route", route.path, "method", route.method, "module", route.module,
                        "version", route.version), route.inFlight, Integer::sum);
            }
            byRoute.forEach((labels, n) -> inFlight.dataPoint(GaugeDataPointSnapshot.builder().value(n).labels(labels).build()));
            snapshots.add(inFlight.build());
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("graft_routes")
                    .help("Route versions the router knows, by state");
            byState.forEach((state, n) -> gauge.dataPoint(GaugeDataPointSnapshot.builder().value(n)
                    .labels(Labels.of("state", state)).build()));
            snapshots.add(gauge.build());
            snapshots.add(unrouted(routes));
        }
        return new MetricSnapshots(snapshots);
    }

    // the router counts them itself: a middleware around every request only to see that no route served it cost CPU
    private static CounterSnapshot unrouted(RouteAdmin routes) {
        CounterSnapshot.Builder unrouted = CounterSnapshot.builder().name("graft_http_unrouted_requests")
                .help("Requests no route served (unknown path or version, method not allowed, answered by middleware,"
                        + " turned away during an update), by status class");
        for (int i = 0; i < RequestMetrics.STATUS_CLASSES.size(); i++) {
            unrouted.dataPoint(CounterDataPointSnapshot.builder().value(routes.unroutedRequests(i))
                    .labels(Labels.of("status", RequestMetrics.STATUS_CLASSES.get(i))).build());
        }
        return unrouted.build();
    }

    private void modules(DeploymentService deploy, List<MetricSnapshot> snapshots) {
        GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("graft_module_state")
                .help("1 for the state each module is in, 0 for the others; version is the version that serves ('' if none)");
        for (ModuleHealthDTO module : ModuleStates.of(deploy, context)) {
            for (String each : ModuleStates.STATES) {
                state.dataPoint(GaugeDataPointSnapshot.builder().value(each.equals(module.state) ? 1 : 0)
                        .labels(Labels.of("module", module.name, "version", module.version == null ? "" : module.version,
                                "state", each)).build());
            }
        }
        snapshots.add(state.build());
        snapshots.add(GaugeSnapshot.builder().name("graft_deployments_pending")
                .help("Deployments queued or running now")
                .dataPoint(GaugeDataPointSnapshot.builder().value(deploy.pendingDeployments()).build()).build());
        snapshots.add(GaugeSnapshot.builder().name("graft_retired_versions_in_memory")
                .help("Retired module versions whose class loader the JVM has not collected yet (graft:leaks tells why)")
                .dataPoint(GaugeDataPointSnapshot.builder().value(deploy.retiredInMemory()).build()).build());
        CounterSnapshot.Builder outcomes = CounterSnapshot.builder().name("graft_deployments")
                .help("Deployments ended since Graft started, by outcome and failure code ('' if none)");
        synchronized (deployments) {
            countNew(deploy.history(null));
            deployments.forEach((labels, n) -> outcomes.dataPoint(CounterDataPointSnapshot.builder().value(n)
                    .labels(labels).build()));
        }
        snapshots.add(outcomes.build());
    }

    // the history is trimmed to its newest entries: counts are kept here, entries seen by their identity
    private void countNew(List<DeploymentDTO> history) {
        Set<String> present = new HashSet<>();
        for (DeploymentDTO dto : history) {
            String key = dto.module + "|" + dto.version + "|" + dto.startedAt + "|" + dto.endedAt + "|" + dto.outcome
                    + "|" + dto.sha256;
            present.add(key);
            if (dto.startedAt >= activatedAt && counted.add(key)) {
                deployments.merge(Labels.of("outcome", dto.outcome, "failure_code",
                        dto.failureCode == null ? "" : dto.failureCode), 1L, Long::sum);
            }
        }
        counted.retainAll(present);
    }

}
