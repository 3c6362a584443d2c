package dev.graft.deploy.internal.flow;

import dev.graft.api.FailureCode;
import dev.graft.api.deploy.SwitchMode;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.route.ModuleTraffic;
import dev.graft.deploy.internal.DeployConfig;
import dev.graft.deploy.internal.DeployFailure;
import dev.graft.deploy.internal.health.ModuleHealth;
import dev.graft.deploy.internal.stage.StagedJar;
import dev.graft.deploy.internal.stage.Staging;
import dev.graft.deploy.internal.state.History;
import dev.graft.deploy.internal.state.ModuleRecord;
import dev.graft.deploy.internal.state.ModuleStore;
import dev.graft.deploy.internal.verify.JarCheck;
import dev.graft.deploy.internal.verify.ModuleJar;
import dev.graft.deploy.internal.verify.RuntimeBundles;
import dev.graft.deploy.internal.wiring.Refresh;
import dev.graft.deploy.internal.wiring.Unresolved;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.log.Logger;

/**
 * One deployment, blue/green: a verified jar is installed beside the version that serves, resolved,
 * started transiently (a restart forgets it until the switch), and must become healthy; then
 * traffic switches — at once, as a canary, or on promotion — and the old version drains and is
 * removed, refreshing only what was wired to it. Any failure before the switch undoes the new
 * version and leaves the old one serving. Each step is journaled in the module's record first.
 *
 * <p>Callers hold the module's lock ({@link ModuleLocks}).
 */
public final class Deployer {

    private final BundleContext context;
    private final ModuleTraffic traffic;
    private final ModuleHealth health;
    private final Refresh refresh;
    private final ModuleStore store;
    private final History history;
    private final Staging staging;
    private final Canaries canaries;
    private final Supplier<DeployConfig> config;
    private final Logger logger;
    private final Installed installed;
    private final Predecessors predecessors;
    private final RuntimeBundles runtime;
    private final Pause pause;
    private final int startLevel;
    private volatile boolean closing;
    /** Lifecycle calls of modules past their time limit that have not returned yet. */
    private final Map<Thread, String> lateCalls = new ConcurrentHashMap<>();

    public Deployer(BundleContext context, ModuleTraffic traffic, ModuleHealth health, ModuleStore store,
            History history, Staging staging, Canaries canaries, Supplier<DeployConfig> config, Logger logger) {
        this.context = context;
        this.traffic = traffic;
        this.health = health;
        this.refresh = new Refresh(context);
        this.store = store;
        this.history = history;
        this.staging = staging;
        this.canaries = canaries;
        this.config = config;
        this.logger = logger;
        this.installed = new Installed(context);
        this.predecessors = new Predecessors(installed, store, staging, config, logger);
        this.runtime = new RuntimeBundles(context);
        this.pause = new Pause(context.getProperty(Pause.PROPERTY), logger);
        // modules start at the manager's own level: after it (installed later), before nothing it needs
        BundleStartLevel own = context.getBundle().adapt(BundleStartLevel.class);
        this.startLevel = own == null ? 1 : own.getStartLevel();
    }

    Installed installed() {
        return installed;
    }

    /** @return the bundle of the version that serves the module, adopting one installed outside the manager */
    Bundle serving(ModuleRecord record) {
        return predecessors.serving(record);
    }

    Refresh refresh() {
        return refresh;
    }

    /** Checks a staged jar; the module it names is then deployed under its lock by {@link #deploy(ModuleJar, SwitchMode, DeploymentDTO)}. */
    public static ModuleJar check(StagedJar staged) throws DeployFailure {
        return JarCheck.check(staged);
    }

    /** @return a history entry for a deployment starting now */
    public static DeploymentDTO starting(StagedJar staged, String source) {
        DeploymentDTO dto = new DeploymentDTO();
        dto.startedAt = System.currentTimeMillis();
        dto.file = staged.fileName();
        dto.sha256 = staged.sha256();
        dto.source = source;
        return dto;
    }

    /** @return a history entry, starting now, for the module's candidate (promoted, cut off, recovered) */
    static DeploymentDTO ofCandidate(ModuleRecord record, String source) {
        DeploymentDTO dto = new DeploymentDTO();
        dto.startedAt = System.currentTimeMillis();
        dto.module = record.module;
        dto.version = record.candidate;
        dto.previousVersion = record.serving;
        dto.file = record.candidateFile;
        dto.sha256 = record.candidateSha;
        dto.source = source;
        return dto;
    }

    /** Records a deployment that failed before its module was known (the jar is unreadable). */
    public DeploymentDTO failedUnread(DeploymentDTO dto, DeployFailure failure) {
        return failed(dto, null, failure);
    }

    /**
     * @return the refusal of a jar named like a bundle of the runtime or the framework, unless an
     *     operator allows a runtime upgrade; null if the jar may be deployed
     */
    DeployFailure protectedName(ModuleJar jar) {
        if (config.get().runtime_upgrade_allowed() || !runtime.isProtected(jar.symbolicName())) {
            return null;
        }
        return new DeployFailure(FailureCode.E_PROTECTED, jar.fileName() + ": " + jar.id()
                + " has the name of a bundle of the Graft runtime (system/) or the framework: a module cannot replace it"
                + " (runtime.upgrade.allowed=true in etc/dev.graft.deploy.cfg allows it, for a runtime upgrade)");
    }

    /** Deploys a checked jar; the caller holds the module's lock. */
    public DeploymentDTO deploy(ModuleJar jar, SwitchMode requested, DeploymentDTO dto) {
        String module = jar.symbolicName();
        String version = jar.version().toString();
        dto.module = module;
        dto.version = version;
        DeployFailure protectedName = protectedName(jar);
        if (protectedName != null) {
            return failed(dto, null, protectedName);
        }
        ModuleRecord record = store.get(module);
        Bundle old = predecessors.replaced(record, jar);
        if (old != null && !old.getVersion().toString().equals(record.serving)) {
            predecessors.adopt(record, old);
        }
        dto.previousVersion = old == null ? null : old.getVersion().toString();
        String subject = jar.fileName() + ": " + jar.id();
        Bundle same = installed.find(module, version);
        if (same != null) {
            if (same.getLocation().equals(Installed.location(jar.staged().sha256()))) {
                dto.outcome = DeploymentDTO.OUTCOME_UNCHANGED;
                dto.message = subject + " is already deployed with this content";
                return ended(dto, record);
            }
            return failed(dto, record, new DeployFailure(FailureCode.E_DUPLICATE, subject + " is already installed"
                    + Predecessors.origin(record, version, same) + "; give the new content a new Bundle-Version"));
        }
        if (record.candidate != null) {
            abandonCandidate(record, "replaced by " + version + " from " + jar.fileName());
        }
        logger.info("{}: deploying beside {}", subject, old == null ? "nothing (a new module)" : old.getVersion());
        record.candidate = version;
        record.candidateSha = jar.staged().sha256();
        record.candidateFile = jar.fileName();
        record.phase = ModuleRecord.Phase.INSTALLING;
        store.save(record);
        traffic.standby(module, jar.version());
        pause.at("STAGED", subject);
        Bundle fresh = null;
        DeployConfig settings = config.get();
        try {
            fresh = install(jar, subject);
            if (!refresh.resolve(fresh)) {
                throw new DeployFailure(FailureCode.E_UNRESOLVED, subject + " does not resolve: "
                        + Unresolved.explain(fresh, context));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.health_timeout_millis());
            start(fresh, subject, settings.health_timeout_millis());
            health.await(fresh, subject, Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (DeployFailure failure) {
            DeploymentDTO failedDeployment = failed(dto, record, failure); // said first: undoing may take a while
            undo(record, fresh, jar.version());
            return failedDeployment;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            undo(record, fresh, jar.version());
            return failed(dto, record, new DeployFailure(FailureCode.E_TIMEOUT, subject + ": interrupted (Graft is stopping)"));
        }
        pause.at("STARTED", subject);
        SwitchMode mode = requested != null ? requested : settings.switch_mode();
        if (mode == SwitchMode.MANUAL && old != null) {
            record.phase = ModuleRecord.Phase.STANDBY;
            record.since = System.currentTimeMillis();
            store.save(record);
            dto.outcome = DeploymentDTO.OUTCOME_STANDBY;
            dto.message = subject + " is healthy and on standby beside " + old.getVersion() + ": graft:promote " + module
                    + " switches traffic to it";
            logger.info("{}", dto.message);
            return ended(dto, record);
        }
        if (mode == SwitchMode.CANARY && old != null && canaries.start(record, old, fresh, dto)) {
            return ended(dto, record);
        }
        return switchOver(record, old, fresh, dto);
    }

    /**
     * Moves all traffic to the candidate, then removes the old version. Journaled as SWITCHED first:
     * a restart from here on completes the switch.
     */
    DeploymentDTO switchOver(ModuleRecord record, Bundle old, Bundle fresh, DeploymentDTO dto) {
        String module = record.module;
        record.phase = ModuleRecord.Phase.SWITCHED;
        store.save(record);
        traffic.serve(module, fresh.getVersion());
        if (old != null) {
            traffic.retire(module, old.getVersion());
        }
        canaries.removeWeights(module);
        try {
            fresh.start(); // persistently now: a restart starts this version
        } catch (BundleException e) {
            logger.warn("{}: {} serves but cannot be marked to start after a restart: {}", FailureCode.E_START_FAILED,
                    module + ":" + fresh.getVersion(), e.getMessage());
        }
        pause.at("SWITCHED", record.candidateFile + ": " + module + ":" + fresh.getVersion());
        if (old != null) {
            remove(module, old);
        }
        traffic.forget(module, fresh.getVersion());
        record.serving = record.candidate;
        record.servingSha = record.candidateSha;
        record.servingFile = record.candidateFile;
        Set<String> keptBefore = new HashSet<>(record.good.values());
        record.good(record.candidate, record.candidateSha, config.get().keep_versions());
        record.clearCandidate();
        record.since = System.currentTimeMillis();
        store.save(record);
        keptBefore.removeAll(record.good.values());
        keptBefore.forEach(this::release); // good versions pushed out of the kept ones
        if (dto.outcome == null) { // a recovery brings its own
            dto.outcome = DeploymentDTO.OUTCOME_DEPLOYED;
            dto.message = dto.file + ": " + module + ":" + fresh.getVersion() + " serves"
                    + (old == null ? "" : " (replaced " + old.getVersion() + ")");
            logger.info("{} in {} ms", dto.message, System.currentTimeMillis() - dto.startedAt);
        }
        return ended(dto, record);
    }

    /** Drains a version that takes no more traffic, stops and uninstalls it, and refreshes what was wired to it. */
    void remove(String module, Bundle bundle) {
        Version version = bundle.getVersion();
        traffic.retire(module, version);
        try {
            if (!traffic.drain(module, version, config.get().drain_timeout_millis())) {
                logger.warn("{}: {}:{} still had requests inside after {} ms; stopping it anyway", FailureCode.E_TIMEOUT,
                        module, version, config.get().drain_timeout_millis());
            }
            stopAndUninstall(bundle, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            traffic.forget(module, version);
        }
    }

    /** Ends a canary or standby version: its traffic (if any) goes back to the serving version, then it is removed. */
    void abandonCandidate(ModuleRecord record, String why) {
        canaries.stop(record.module);
        Bundle candidate = installed.find(record.module, record.candidate);
        if (candidate != null) {
            remove(record.module, candidate);
        }
        canaries.removeWeights(record.module);
        logger.info("{}:{} on {} is ended: {}", record.module, record.candidate,
                record.phase == null ? "standby" : record.phase.name().toLowerCase(), why);
        record.clearCandidate();
        store.save(record);
    }

    private Bundle install(ModuleJar jar, String subject) throws DeployFailure {
        try (InputStream in = Files.newInputStream(jar.staged().path())) {
            Bundle bundle = context.installBundle(Installed.location(jar.staged().sha256()), in);
            BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
            if (level != null) {
                level.setStartLevel(startLevel);
            }
            return bundle;
        } catch (BundleException e) {
            FailureCode code = e.getType() == BundleException.DUPLICATE_BUNDLE_ERROR ? FailureCode.E_DUPLICATE
                    : FailureCode.E_NO_MANIFEST;
            throw new DeployFailure(code, subject + " cannot be installed: " + e.getMessage());
        } catch (IOException e) {
            throw new DeployFailure(FailureCode.E_CORRUPT_ARCHIVE, subject + " cannot be read: " + e.getMessage());
        }
    }

    // starts transiently, on its own thread: an activator that never returns fails the deployment in time
    private void start(Bundle bundle, String subject, long timeoutMillis) throws DeployFailure, InterruptedException {
        try {
            BoundedCall.run("start", bundle, timeoutMillis, b -> b.start(Bundle.START_TRANSIENT), lateCalls);
        } catch (BoundedCall.Late late) {
            throw new DeployFailure(FailureCode.E_TIMEOUT, subject + ": its start did not return within " + timeoutMillis
                    + " ms (an activator or a component that blocks?)");
        } catch (BundleException e) {
            Throwable root = e.getCause() != null ? e.getCause() : e;
            throw new DeployFailure(FailureCode.E_START_FAILED, subject + ": its activator threw " + root);
        }
    }

    // stops and uninstalls within the time limit; a module that blocks is left to finish in the background
    private void stopAndUninstall(Bundle bundle, boolean stop) throws InterruptedException {
        long millis = config.get().stop_timeout_millis();
        String id = bundle.getSymbolicName() + ":" + bundle.getVersion();
        try {
            BoundedCall.run(stop ? "stop" : "uninstall", bundle, millis, b -> {
                if (stop) {
                    b.stop();
                }
                b.uninstall();
            }, lateCalls);
        } catch (BoundedCall.Late late) {
            logger.warn("{}: {} did not stop within {} ms (an activator or a component that blocks?); it is uninstalled"
                    + " when it returns, and blocks no other deployment meanwhile", FailureCode.E_TIMEOUT, id, millis);
            return;
        } catch (BundleException | IllegalStateException e) {
            logger.warn("{} could not be removed cleanly: {}", id, e.getMessage());
            return;
        }
        refresh.refresh(List.of(bundle), 30_000);
    }

    private void undo(ModuleRecord record, Bundle fresh, Version version) {
        if (fresh != null) {
            try {
                stopAndUninstall(fresh, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        traffic.forget(record.module, version);
        String sha = record.candidateSha;
        record.clearCandidate();
        store.save(record);
        release(sha);
    }

    /** Graft is stopping: deployments cut short from now on are not failures of their modules. */
    public void close() {
        closing = true;
        // a module whose start or stop ignored its time limit still runs: it is what may hold up the stop
        lateCalls.forEach((thread, call) -> logger.warn("{}: Graft is stopping while {} has not returned (thread \"{}\");"
                + " that module may hold up the stop", FailureCode.E_TIMEOUT, call, thread.getName()));
    }

    boolean closing() {
        return closing;
    }

    DeploymentDTO failed(DeploymentDTO dto, ModuleRecord record, DeployFailure failure) {
        if (closing) {
            logger.info("{}: not deployed, Graft is stopping ({})", dto.file, failure.getMessage());
            dto.outcome = DeploymentDTO.OUTCOME_FAILED;
            dto.failureCode = FailureCode.E_TIMEOUT.name();
            dto.message = dto.file + ": not deployed, Graft stopped during its deployment";
            dto.endedAt = System.currentTimeMillis();
            return dto; // kept out of the history: the file is deployed at the next start
        }
        dto.outcome = DeploymentDTO.OUTCOME_FAILED;
        dto.failureCode = failure.code().name();
        dto.message = failure.getMessage();
        if (record == null) {
            release(dto.sha256);
        }
        logger.warn("{}: {}", failure.code(), failure.getMessage()); // once per event, no stack trace
        return ended(dto, record);
    }

    DeploymentDTO ended(DeploymentDTO dto, ModuleRecord record) {
        dto.endedAt = System.currentTimeMillis();
        if (record != null && DeploymentDTO.OUTCOME_FAILED.equals(dto.outcome) || record != null
                && DeploymentDTO.OUTCOME_ROLLED_BACK.equals(dto.outcome)) {
            record.lastFailureCode = dto.failureCode;
            record.lastFailure = dto.message;
            store.save(record);
        }
        history.add(dto);
        return dto;
    }

    /** Deletes a staged copy no module record refers to. */
    void release(String sha256) {
        if (sha256 != null && !referenced().contains(sha256)) {
            try {
                java.nio.file.Path path = staging.find(sha256);
                if (path != null) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // a copy left behind is deleted at the next start
            }
        }
    }

    /** @return every staged copy a record needs: serving, candidate and kept good versions */
    public Set<String> referenced() {
        Set<String> shas = new HashSet<>();
        for (ModuleRecord record : store.all()) {
            shas.addAll(record.good.values());
            if (record.servingSha != null) {
                shas.add(record.servingSha);
            }
            if (record.candidateSha != null) {
                shas.add(record.candidateSha);
            }
        }
        return shas;
    }
}
