package dev.graft.metrics.internal.health;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.health.CheckResultDTO;
import dev.graft.api.health.HealthCheck;
import dev.graft.api.health.HealthReportDTO;
import dev.graft.api.health.HealthService;
import dev.graft.api.health.ModuleHealthDTO;
import dev.graft.metrics.internal.runtime.ModuleStates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Liveness and readiness: the deployment manager's modules, its pending deployments and the
 * modules' health checks (see {@link HealthService}). Both dependencies are optional, so the
 * service is there from the start: without the deployment manager's bundle (embedding) no module
 * is waited for; with it, Graft is not ready until the manager runs and has read {@code deploy/}.
 */
@Component(service = HealthService.class, configurationPid = HealthService.PID)
@Designate(ocd = MetricsConfig.class)
public class GraftHealth implements HealthService {

    private final BundleContext context;
    private final ExecutorService threads;
    private final HealthChecks runner;
    private final Map<ServiceReference<HealthCheck>, HealthCheck> checks = new ConcurrentHashMap<>();
    private volatile MetricsConfig config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeploymentService deployments;

    @Activate
    public GraftHealth(BundleContext context, MetricsConfig config) {
        this.context = context;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "graft-health-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.runner = new HealthChecks(threads);
    }

    @Modified
    void update(MetricsConfig config) {
        this.config = config;
    }

    @Deactivate
    void deactivate() {
        threads.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(ServiceReference<HealthCheck> reference, HealthCheck check) {
        checks.put(reference, check);
    }

    void removeCheck(ServiceReference<HealthCheck> reference) {
        checks.remove(reference);
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public HealthReportDTO ready() {
        HealthReportDTO report = new HealthReportDTO();
        report.at = System.currentTimeMillis();
        report.reasons = new ArrayList<>();
        DeploymentService deploy = deployments;
        if (deploy == null) {
            report.modules = List.of();
            Bundle manager = installed(DEPLOY_BUNDLE);
            if (manager != null) { // starting, or its component cannot run: deploy/ is not read (yet)
                report.reasons.add("the deployment manager " + DEPLOY_BUNDLE + " is not running yet ("
                        + switch (manager.getState()) {
                            case Bundle.ACTIVE -> "its component is not active";
                            case Bundle.STARTING -> "the bundle is starting";
                            case Bundle.RESOLVED -> "the bundle is stopped";
                            default -> "the bundle is not resolved";
                        } + "): deploy/ is not read");
            }
        } else {
            int pending = deploy.pendingDeployments();
            if (pending > 0) {
                report.reasons.add(pending + (pending == 1 ? " deployment is" : " deployments are") + " queued or running");
            }
            report.modules = ModuleStates.of(deploy, context);
            for (ModuleHealthDTO module : report.modules) {
                if (module.blocking) {
                    report.reasons.add(module.name + (module.version == null ? "" : ":" + module.version) + " is "
                            + module.state + (module.lastError == null ? "" : " (" + module.lastError + ")"));
                }
            }
        }
        report.checks = runner.run(registered());
        for (CheckResultDTO check : report.checks) {
            if (!check.healthy) {
                report.reasons.add("health check " + check.name + " of " + check.module + ": " + check.message);
            }
        }
        report.ready = report.reasons.isEmpty();
        return report;
    }

    // Graft's deployment manager, whose service reads deploy/
    static final String DEPLOY_BUNDLE = "dev.graft.deploy";

    private Bundle installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private List<HealthChecks.Registered> registered() {
        List<HealthChecks.Registered> list = new ArrayList<>();
        long defaultTimeout = Math.max(1, config.check_timeout_millis());
        for (var entry : Map.copyOf(checks).entrySet()) {
            ServiceReference<HealthCheck> reference = entry.getKey();
            Object name = reference.getProperty(HealthCheck.NAME);
            Object timeout = reference.getProperty(HealthCheck.TIMEOUT_MILLIS);
            long millis = defaultTimeout;
            if (timeout instanceof Number number && number.longValue() > 0) {
                millis = number.longValue();
            } else if (timeout instanceof String text) {
                try {
                    millis = Math.max(1, Long.parseLong(text.trim()));
                } catch (NumberFormatException e) {
                    millis = defaultTimeout; // reported below as the bound actually used
                }
            }
            Bundle bundle = reference.getBundle();
            list.add(new HealthChecks.Registered(entry.getValue(),
                    name == null ? entry.getValue().getClass().getName() : name.toString(),
                    bundle == null ? "?" : bundle.getSymbolicName() + ":" + bundle.getVersion(), millis));
        }
        list.sort(Comparator.comparing(HealthChecks.Registered::name));
        return list;
    }
}
