package dev.graft.metrics.internal.runtime;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.ModuleDTO;
import dev.graft.api.health.ModuleHealthDTO;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Each module as health and metrics report it: the deployment manager's state, except that a
 * module whose serving version's bundle is not active (stopped by hand, or it failed to start) is
 * {@value #STATE_STOPPED}; and whether it blocks readiness.
 */
public final class ModuleStates {

    /** The serving version's bundle is not active. */
    public static final String STATE_STOPPED = "STOPPED";

    /** Every state a module can be in, for a gauge per state. */
    public static final List<String> STATES = List.of(ModuleDTO.STATE_ACTIVE, ModuleDTO.STATE_CANARY,
            ModuleDTO.STATE_STANDBY, ModuleDTO.STATE_DEPLOYING, ModuleDTO.STATE_FAILED, STATE_STOPPED);

    private ModuleStates() {}

    /** @return every module the deployment manager knows, by name */
    public static List<ModuleHealthDTO> of(DeploymentService deployments, BundleContext context) {
        List<ModuleHealthDTO> modules = new ArrayList<>();
        for (ModuleDTO module : deployments.modules()) {
            ModuleHealthDTO dto = new ModuleHealthDTO();
            dto.name = module.module;
            dto.version = module.version;
            dto.since = module.since;
            dto.state = module.state;
            dto.lastError = module.lastFailureCode == null ? null : module.lastFailureCode + ": " + module.lastFailure;
            switch (module.state) {
                case ModuleDTO.STATE_DEPLOYING -> dto.blocking = true;
                case ModuleDTO.STATE_FAILED -> dto.blocking = stillInDeployFolder(deployments, module.module, context);
                default -> {
                    if (module.version != null && !active(context, module.module, module.version)) {
                        dto.state = STATE_STOPPED;
                        dto.blocking = true;
                    }
                }
            }
            modules.add(dto);
        }
        modules.sort(java.util.Comparator.comparing(m -> m.name));
        return modules;
    }

    /**
     * A module no version of which serves is meant to run if the file its last deployment came from
     * is still in {@code deploy/}; one deployed from the shell or the API, or whose file was removed,
     * is not. The folder is where the deployment manager looks: the framework property
     * {@code graft.deploy.dir}, else {@code <graft.home>/deploy}.
     */
    private static boolean stillInDeployFolder(DeploymentService deployments, String module, BundleContext context) {
        List<DeploymentDTO> history = deployments.history(module);
        if (history.isEmpty()) {
            return false;
        }
        DeploymentDTO last = history.get(history.size() - 1);
        if (DeploymentDTO.OUTCOME_REMOVED.equals(last.outcome) || last.source == null || !last.source.startsWith("deploy/")) {
            return false;
        }
        String dir = context.getProperty("graft.deploy.dir");
        String home = context.getProperty("graft.home");
        java.nio.file.Path folder = dir != null ? java.nio.file.Path.of(dir)
                : java.nio.file.Path.of(home == null ? "." : home).resolve("deploy");
        return java.nio.file.Files.exists(folder.resolve(last.source.substring("deploy/".length())));
    }

    private static boolean active(BundleContext context, String module, String version) {
        for (Bundle bundle : context.getBundles()) {
            if (module.equals(bundle.getSymbolicName()) && version.equals(bundle.getVersion().toString())) {
                return bundle.getState() == Bundle.ACTIVE;
            }
        }
        return false;
    }
}
