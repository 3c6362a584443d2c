package dev.graft.deploy.internal.flow;

import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.deploy.internal.state.ModuleRecord;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.service.log.Logger;

/**
 * After a restart, completes or undoes each deployment the journal shows unfinished: one switched
 * to its new version is completed (the old version is removed); one that had not switched is undone
 * (the new version was only started transiently, so the restart did not start it; it is removed),
 * and a canary or standby version is ended — the version that served keeps serving. The history
 * says which, with outcome {@code RECOVERED}.
 */
final class Recovery {

    private final Deployer deployer;
    private final Logger logger;

    Recovery(Deployer deployer, Logger logger) {
        this.deployer = deployer;
        this.logger = logger;
    }

    /** Recovers one module; the caller holds its lock. */
    void recover(ModuleRecord record) {
        if (record.phase == null || record.candidate == null) {
            return;
        }
        DeploymentDTO dto = Deployer.ofCandidate(record, "recovery");
        dto.outcome = DeploymentDTO.OUTCOME_RECOVERED;
        Bundle fresh = deployer.installed().find(record.module, record.candidate);
        if (record.phase == ModuleRecord.Phase.SWITCHED && fresh != null) {
            Bundle old = deployer.installed().find(record.module, record.serving);
            try {
                fresh.start();
            } catch (BundleException e) {
                logger.warn("{}:{} does not start after the restart: {}", record.module, record.candidate, e.getMessage());
            }
            dto.message = record.module + " was switching from " + record.serving + " to " + record.candidate
                    + " when Graft stopped; completed: " + record.candidate + " serves";
            logger.info("{}", dto.message);
            deployer.switchOver(record, old == fresh ? null : old, fresh, dto);
            return;
        } else {
            String phase = record.phase.name().toLowerCase();
            String candidate = record.candidate;
            deployer.abandonCandidate(record, "Graft stopped during its deployment");
            dto.message = record.module + ":" + candidate + " was " + (phase.equals("installing") ? "being deployed" : "a " + phase
                    + " version") + " when Graft stopped; undone: " + (record.serving == null ? "no version serves"
                            : record.serving + " serves");
        }
        logger.info("{}", dto.message);
        deployer.ended(dto, record);
    }
}
