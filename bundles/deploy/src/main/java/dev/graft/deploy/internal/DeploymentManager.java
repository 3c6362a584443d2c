package dev.graft.deploy.internal;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.SwitchMode;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.DryRunDTO;
import dev.graft.api.deploy.dto.ExplanationDTO;
import dev.graft.api.deploy.dto.LeakReportDTO;
import dev.graft.api.deploy.dto.ModuleDTO;
import dev.graft.api.route.ModuleTraffic;
import dev.graft.api.route.RouteAdmin;
import dev.graft.deploy.internal.flow.Canaries;
import dev.graft.deploy.internal.flow.Deployer;
import dev.graft.deploy.internal.flow.ModuleViews;
import dev.graft.deploy.internal.flow.Operations;
import dev.graft.deploy.internal.health.ModuleHealth;
import dev.graft.deploy.internal.leak.RetiredRevisions;
import dev.graft.deploy.internal.leak.RetirementListener;
import dev.graft.deploy.internal.stage.StagedJar;
import dev.graft.deploy.internal.stage.Staging;
import dev.graft.deploy.internal.state.History;
import dev.graft.deploy.internal.state.ModuleStore;
import dev.graft.deploy.internal.state.SeenFiles;
import dev.graft.deploy.internal.verify.SignatureCheck;
import dev.graft.deploy.internal.verify.SignaturePolicy;
import dev.graft.deploy.internal.verify.TrustStore;
import dev.graft.deploy.internal.watch.FolderWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The deployment manager: watches {@code deploy/} (framework property {@code graft.deploy.dir},
 * default {@code ${graft.home}/deploy}) and serves {@link DeploymentService} for the shell and the
 * admin API. Its state lives in {@code ${graft.home}/data/deploy/}. Deployments run on their own
 * threads, never on the watcher's: one module's slow start does not hold up another's.
 */
@Component(service = DeploymentService.class, configurationPid = DeployConfig.PID, immediate = true)
@Designate(ocd = DeployConfig.class)
public class DeploymentManager implements DeploymentService, FolderWatcher.Listener {

    /** Framework property: the folder to watch. */
    public static final String DIR_PROPERTY = "graft.deploy.dir";

    private final Logger logger;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Staging staging;
    private final SeenFiles seen;
    private final Operations operations;
    private final ModuleViews views;
    private final Canaries canaries;
    private final FolderWatcher watcher;
    private final RetirementListener retirements;
    private final Path deployDir;
    private volatile DeployConfig config;
    // deployments queued or running (pendingDeployments()): counted up before a task is queued
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private volatile SignaturePolicy signaturePolicy;

    @Activate
    public DeploymentManager(BundleContext context, DeployConfig config, @Reference ModuleTraffic traffic,
            @Reference RouteAdmin routes, @Reference ServiceComponentRuntime scr,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        this.config = config;
        this.signaturePolicy = signaturePolicy(config, null);
        Path home = Path.of(context.getProperty("graft.home") == null ? "." : context.getProperty("graft.home"));
        String dir = context.getProperty(DIR_PROPERTY);
        this.deployDir = (dir == null ? home.resolve("deploy") : Path.of(dir)).toAbsolutePath().normalize();
        Path data = home.resolve("data").resolve("deploy");
        this.workers = Executors.newFixedThreadPool(4, named("graft-deploy"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(named("graft-deploy-timer"));
        // before anything can be deployed: every version retired from now on is tracked
        this.retirements = new RetirementListener(context, new RetiredRevisions(), scheduler, logger);
        retirements.open();
        try {
            forgetIfCacheIsNew(context, data);
            this.staging = new Staging(data.resolve("staged"));
            ModuleStore store = new ModuleStore(data.resolve("modules"));
            History history = new History(data.resolve("history.tsv"));
            this.seen = new SeenFiles(data.resolve("files.properties"));
            this.canaries = new Canaries(routes, traffic, store, scheduler, () -> this.config, logger);
            Deployer deployer = new Deployer(context, traffic, new ModuleHealth(scr, routes), store, history, staging, canaries,
                    () -> this.config, logger);
            // the trust store is a fixed place under graft.home, not a setting: who may change settings may not choose it
            TrustStore trust = new TrustStore(home.resolve("etc").resolve("trust").toAbsolutePath().normalize(),
                    problem -> logger.warn("{}: ignoring {}", dev.graft.api.FailureCode.E_CONFIG_INVALID, problem));
            SignatureCheck signatures = new SignatureCheck(trust, () -> this.signaturePolicy, line -> logger.warn("{}", line));
            this.operations = new Operations(deployer, signatures, canaries, store, staging, logger);
            this.views = new ModuleViews(context, store, history, deployer, signatures);
            this.watcher = new FolderWatcher(deployDir, config.settle_millis(), this);
            staging.keepOnly(deployer.referenced()); // copies of deployments a crash cut short
        } catch (IOException e) {
            shutdown();
            throw new UncheckedIOException("the deployment manager cannot use " + data + " or " + deployDir + ": "
                    + e.getMessage(), e);
        }
        // off the framework's start-up thread: recovery refreshes bundles, which that thread performs
        pending.incrementAndGet(); // until the first look at deploy/ has queued what it found
        workers.execute(() -> {
            try {
                operations.recoverAll();
                watcher.start();
                logger.info("watching {} for modules", deployDir);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    /**
     * The module records describe what the framework's bundle cache holds. A cache that is new (the
     * home was copied elsewhere, or the cache deleted) holds none of it: the records and the list
     * of files acted on are dropped, so that {@code deploy/} is deployed afresh. The history stays.
     * The marker lives in this bundle's data area, which is inside the cache.
     */
    private void forgetIfCacheIsNew(BundleContext context, Path data) throws IOException {
        java.io.File marker = context.getDataFile("deploy-state-belongs-here");
        if (marker == null || marker.exists()) {
            return;
        }
        Path modules = data.resolve("modules");
        if (Files.isDirectory(modules)) {
            try (var files = Files.list(modules)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            logger.info("the framework cache is new: the modules in {} are deployed afresh", deployDir);
        }
        Files.deleteIfExists(data.resolve("files.properties"));
        Files.createDirectories(marker.toPath().getParent());
        Files.createFile(marker.toPath());
    }

    @Modified
    void update(DeployConfig config) {
        this.signaturePolicy = signaturePolicy(config, signaturePolicy);
        this.config = config;
    }

    // an invalid policy is read as require: a typo must not turn the check off
    private SignaturePolicy signaturePolicy(DeployConfig config, SignaturePolicy before) {
        SignaturePolicy policy;
        try {
            policy = SignaturePolicy.parse(config.signature_policy());
        } catch (IllegalArgumentException e) {
            logger.warn("{}: {}; modules must be signed (require) until it is corrected",
                    dev.graft.api.FailureCode.E_CONFIG_INVALID, e.getMessage());
            policy = SignaturePolicy.REQUIRE;
        }
        if (policy != before && (before != null || policy != SignaturePolicy.OFF)) {
            logger.info("signature.policy is {}", policy);
        }
        return policy;
    }

    @Deactivate
    void deactivate() {
        operations.close();
        watcher.close();
        canaries.close();
        shutdown();
    }

    private void shutdown() {
        retirements.close();
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void ready(Path file) {
        pending.incrementAndGet();
        workers.execute(counted(() -> deployFile(file)));
    }

    @Override
    public void removed(Path file) {
        String name = file.getFileName().toString();
        pending.incrementAndGet();
        workers.execute(counted(() -> {
            seen.forget(name);
            operations.fileRemoved(name);
        }));
    }

    private void deployFile(Path file) {
        String name = file.getFileName().toString();
        StagedJar staged;
        try {
            staged = staging.stage(file);
        } catch (NoSuchFileException gone) {
            return; // removed again before it could be copied
        } catch (IOException e) {
            logger.warn("{}: {} cannot be copied to {}: {}", dev.graft.api.FailureCode.E_CORRUPT_ARCHIVE, name,
                    staging, e.getMessage());
            return;
        }
        if (seen.isSeen(name, staged.sha256())) {
            return; // acted on before (before a restart, or it was touched without a change)
        }
        seen.seen(name, staged.sha256());
        DeploymentDTO outcome = operations.deploy(staged, null, "deploy/" + name);
        if (operations.closing() && DeploymentDTO.OUTCOME_FAILED.equals(outcome.outcome)) {
            seen.forget(name); // cut short by the stop: deployed again at the next start
        }
    }

    @Override
    public DeploymentDTO deploy(Path file, SwitchMode mode, String source) {
        return call(() -> operations.deploy(stageForCaller(file), mode, source == null ? "api" : source));
    }

    @Override
    public DryRunDTO dryRun(Path file) {
        StagedJar staged = stageForCaller(file);
        return views.dryRun(staged);
    }

    @Override
    public DeploymentDTO promote(String module) {
        String name = views.resolve(module);
        return call(() -> operations.promote(name, "promote"));
    }

    @Override
    public DeploymentDTO rollback(String module) {
        String name = views.resolve(module);
        return call(() -> operations.rollback(name, "rollback"));
    }

    @Override
    public List<ModuleDTO> modules() {
        return views.modules();
    }

    @Override
    public List<DeploymentDTO> history(String module) {
        return views.history(module);
    }

    @Override
    public ExplanationDTO why(String module) {
        return views.why(module);
    }

    @Override
    public LeakReportDTO leaks() {
        return retirements.check();
    }

    @Override
    public int pendingDeployments() {
        return pending.get();
    }

    @Override
    public int retiredInMemory() {
        return retirements.inMemory();
    }

    // a queued task, counted in pendingDeployments() from its submission until it ends
    private Runnable counted(Runnable task) {
        return () -> {
            try {
                task.run();
            } finally {
                pending.decrementAndGet();
            }
        };
    }

    private StagedJar stageForCaller(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file);
        }
        try {
            return staging.stage(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    // on a deployment thread, like every deployment; the caller waits for the outcome
    private <T> T call(java.util.concurrent.Callable<T> work) {
        try {
            pending.incrementAndGet();
            return workers.submit(() -> {
                try {
                    return work.call();
                } finally {
                    pending.decrementAndGet();
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the deployment", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
