package dev.graft.deploy.internal.flow;

import dev.graft.api.FailureCode;
import dev.graft.api.deploy.SwitchMode;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.deploy.internal.DeployFailure;
import dev.graft.deploy.internal.stage.StagedJar;
import dev.graft.deploy.internal.stage.Staging;
import dev.graft.deploy.internal.state.ModuleRecord;
import dev.graft.deploy.internal.state.ModuleStore;
import dev.graft.deploy.internal.verify.ModuleJar;
import dev.graft.deploy.internal.verify.SignatureCheck;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

/**
 * What can be done to a module, each under the module's lock: deploy a staged jar, promote or cut
 * off its candidate, roll back to its last-known-good version, remove it, recover it after a restart.
 */
public final class Operations {

    private final Deployer deployer;
    private final SignatureCheck signatures;
    private final Canaries canaries;
    private final ModuleStore store;
    private final Staging staging;
    private final ModuleLocks locks = new ModuleLocks();
    private final Recovery recovery;
    private final Logger logger;

    public Operations(Deployer deployer, SignatureCheck signatures, Canaries canaries, ModuleStore store, Staging staging,
            Logger logger) {
        this.deployer = deployer;
        this.signatures = signatures;
        this.canaries = canaries;
        this.store = store;
        this.staging = staging;
        this.logger = logger;
        this.recovery = new Recovery(deployer, logger);
        canaries.onOutcome(this::cutOff, module -> promote(module, "canary"));
    }

    /** Graft is stopping: deployments cut short are not recorded as failures. */
    public void close() {
        deployer.close();
    }

    /** @return true once Graft is stopping */
    public boolean closing() {
        return deployer.closing();
    }

    /** Verifies and deploys a staged jar; a jar that fails its checks is reported and nothing changes. */
    public DeploymentDTO deploy(StagedJar staged, SwitchMode mode, String source) {
        DeploymentDTO dto = Deployer.starting(staged, source);
        ModuleJar jar;
        try {
            jar = Deployer.check(staged);
        } catch (DeployFailure failure) {
            return deployer.failedUnread(dto, failure);
        }
        DeployFailure unsigned = null;
        try {
            signatures.enforce(jar); // before install: a refused jar never reaches the framework
        } catch (DeployFailure failure) {
            unsigned = failure;
        }
        ReentrantLock lock = locks.of(jar.symbolicName());
        lock.lock();
        try {
            return unsigned == null ? deployer.deploy(jar, mode, dto) : refused(jar, dto, unsigned);
        } finally {
            lock.unlock();
        }
    }

    // a jar refused before install: recorded as the module's last failure; nothing else changes
    private DeploymentDTO refused(ModuleJar jar, DeploymentDTO dto, DeployFailure failure) {
        ModuleRecord record = store.get(jar.symbolicName());
        dto.module = jar.symbolicName();
        dto.version = jar.version().toString();
        dto.previousVersion = record.serving;
        DeploymentDTO failed = deployer.failed(dto, record, failure);
        deployer.release(dto.sha256); // unless a record still needs the same content
        return failed;
    }

    /** Gives the module's canary or standby version all traffic. */
    public DeploymentDTO promote(String module, String source) {
        ReentrantLock lock = locks.of(module);
        lock.lock();
        try {
            ModuleRecord record = store.find(module);
            if (record == null || record.candidate == null
                    || (record.phase != ModuleRecord.Phase.CANARY && record.phase != ModuleRecord.Phase.STANDBY)) {
                throw new IllegalArgumentException(module + " has no canary or standby version to promote"
                        + (record == null || record.serving == null ? "" : "; " + record.serving + " serves"));
            }
            canaries.stop(module);
            Bundle fresh = deployer.installed().find(module, record.candidate);
            if (fresh == null) {
                String candidate = record.candidate;
                record.clearCandidate();
                store.save(record);
                throw new IllegalArgumentException(module + ":" + candidate + " is no longer installed");
            }
            DeploymentDTO dto = Deployer.ofCandidate(record, source);
            return deployer.switchOver(record, deployer.serving(record), fresh, dto);
        } finally {
            lock.unlock();
        }
    }

    /** Takes a canary's traffic away at once and removes it: its circuit opened. */
    void cutOff(String module, String why) {
        ReentrantLock lock = locks.of(module);
        lock.lock();
        try {
            ModuleRecord record = store.find(module);
            if (record == null || record.phase != ModuleRecord.Phase.CANARY) {
                return; // promoted or replaced meanwhile
            }
            DeploymentDTO dto = Deployer.ofCandidate(record, "canary");
            if (record.since > 0) {
                dto.startedAt = record.since; // when the canary began serving: the entry spans its time on trial
            }
            String sha = record.candidateSha;
            deployer.abandonCandidate(record, "its circuit opened");
            deployer.release(sha);
            dto.outcome = DeploymentDTO.OUTCOME_ROLLED_BACK;
            dto.failureCode = FailureCode.E_ERROR_RATE.name();
            dto.message = (dto.file == null ? "" : dto.file + ": ") + why + ": its traffic went back to "
                    + record.serving + " and it was rolled back";
            logger.warn("{}: {}", FailureCode.E_ERROR_RATE, dto.message);
            deployer.ended(dto, record);
        } finally {
            lock.unlock();
        }
    }

    /** Deploys the module's last-known-good version again, from its copy in {@code data/}. */
    public DeploymentDTO rollback(String module, String source) {
        ModuleRecord record = store.find(module);
        String target = record == null ? null : record.lastKnownGood();
        if (target == null) {
            throw new IllegalArgumentException(module + " has no earlier good version to return to"
                    + (record == null || record.good.isEmpty() ? "" : "; kept: " + String.join(", ", record.good.keySet())));
        }
        String sha = record.good.get(target);
        java.nio.file.Path copy = staging.find(sha);
        if (copy == null) {
            throw new IllegalArgumentException("the kept copy of " + module + ":" + target + " (" + sha + ".jar) is gone from data/");
        }
        return deploy(new StagedJar(module + "-" + target + ".jar (kept copy)", sha, copy), SwitchMode.IMMEDIATE, source);
    }

    /** The file a module was deployed from left {@code deploy/}: the module is removed. */
    public void fileRemoved(String fileName) {
        for (ModuleRecord each : store.all()) {
            if (!fileName.equals(each.servingFile) && !fileName.equals(each.candidateFile)) {
                continue;
            }
            ReentrantLock lock = locks.of(each.module);
            lock.lock();
            try {
                ModuleRecord record = store.get(each.module);
                if (fileName.equals(record.candidateFile)) {
                    deployer.abandonCandidate(record, fileName + " was removed from deploy/");
                }
                if (fileName.equals(record.servingFile)) {
                    remove(record, fileName);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void remove(ModuleRecord record, String fileName) {
        Bundle serving = deployer.installed().find(record.module, record.serving);
        DeploymentDTO dto = new DeploymentDTO();
        dto.startedAt = System.currentTimeMillis();
        dto.module = record.module;
        dto.version = record.serving;
        dto.file = fileName;
        dto.sha256 = record.servingSha;
        dto.source = "deploy/" + fileName;
        if (serving != null) {
            deployer.remove(record.module, serving);
        }
        record.serving = null;
        record.servingSha = null;
        record.servingFile = null;
        record.since = System.currentTimeMillis();
        store.save(record);
        dto.outcome = DeploymentDTO.OUTCOME_REMOVED;
        dto.message = fileName + " was removed from deploy/: " + record.module + ":" + dto.version + " is uninstalled";
        logger.info("{}", dto.message);
        deployer.ended(dto, record);
    }

    /** Completes or undoes what the journal shows unfinished (after a restart). */
    public void recoverAll() {
        for (ModuleRecord each : store.all()) {
            ReentrantLock lock = locks.of(each.module);
            lock.lock();
            try {
                recovery.recover(store.get(each.module));
            } catch (RuntimeException e) {
                logger.error("recovering the deployment of {} failed: {}", each.module, e.toString(), e);
            } finally {
                lock.unlock();
            }
        }
    }
}
