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
                case ModuleDTO.STATE_FAILED -> dto.blocking = !removed(deployments, module.module);
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

    // a module whose file was removed from deploy/ is not meant to run
    private static boolean removed(DeploymentService deployments, String module) {
        List<DeploymentDTO> history = deployments.history(module);
        return !history.isEmpty() && DeploymentDTO.OUTCOME_REMOVED.equals(history.get(history.size() - 1).outcome);
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
