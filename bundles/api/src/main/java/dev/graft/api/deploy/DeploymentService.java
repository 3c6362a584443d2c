package dev.graft.api.deploy;

import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.DryRunDTO;
import dev.graft.api.deploy.dto.ExplanationDTO;
import dev.graft.api.deploy.dto.LeakReportDTO;
import dev.graft.api.deploy.dto.ModuleDTO;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Graft's deployment manager. Every way of deploying — a file moved into {@code deploy/}, the
 * {@code graft:deploy} command, the admin API — goes through this one service, so each gets the
 * same checks, the same blue/green switch, the same failure codes and the same history.
 *
 * <p>Deployments of one module run one after the other; deployments of different modules run in
 * parallel. A failed deployment never stops the version that serves: its outcome carries a
 * {@link dev.graft.api.FailureCode} name and a one-line message naming the file and the culprit.
 *
 * <p>Implemented by Graft; thread safe.
 *
 * @since 1.0
 */
@ProviderType
public interface DeploymentService {

    /** The configuration PID of the deployment manager ({@code etc/dev.graft.deploy.cfg}). */
    String PID = "dev.graft.deploy";

    /**
     * Deploys a module jar. The file is copied first (the manager never holds it), then verified,
     * installed beside the serving version, started and checked; traffic then switches as asked.
     * Returns when the deployment has ended, or, for {@link SwitchMode#CANARY} and
     * {@link SwitchMode#MANUAL}, when the new version serves as a canary or waits on standby.
     *
     * @param file the jar
     * @param mode how traffic moves to the new version; null for the configured default
     * @param source who asked, for the history (e.g. {@code shell}, {@code api})
     * @return the deployment, with its outcome and, if it failed, its failure code and message
     */
    DeploymentDTO deploy(Path file, SwitchMode mode, String source);

    /**
     * What deploying this jar would do, without doing it: the module and version, the version it
     * would replace, the checks that would fail, and which bundles a refresh would restart.
     */
    DryRunDTO dryRun(Path file);

    /**
     * Moves all traffic to the module's canary or standby version now; the old version drains and
     * is removed.
     *
     * @throws IllegalArgumentException if the module has no version waiting to be promoted
     */
    DeploymentDTO promote(String module);

    /**
     * Deploys the module's last-known-good version again (kept in {@code data/}), replacing the
     * version that serves now; works after a restart too.
     *
     * @throws IllegalArgumentException if the module is unknown or no earlier good version is kept
     */
    DeploymentDTO rollback(String module);

    /** @return every module the manager knows, by name */
    List<ModuleDTO> modules();

    /**
     * @param module a module name (the bundle symbolic name or its last segment), or null for all
     * @return the deployments, oldest first
     */
    List<DeploymentDTO> history(String module);

    /**
     * @return why the module is, or is not, active: its state, its last failure, and for an
     *     unresolved or unhealthy one, what is missing
     * @throws IllegalArgumentException if no module of that name is known
     */
    ExplanationDTO why(String module);

    /**
     * Checks that retired module versions are gone from memory. Every version the framework retires
     * (uninstalled and refreshed, or replaced by an update; by the manager or by other means) is
     * tracked through a weak reference to its class loader. This runs a garbage collection, waits a
     * little for the references to clear, and reports the versions whose class loader is still
     * reachable, with the roots that can be named: live threads whose class it loaded or whose
     * context class loader it is. Graft's own bundles hold no retired class loader.
     *
     * <p>Slow (a full garbage collection, up to a few seconds); meant for an operator or a test.
     *
     * @return how many retired versions were checked, and those still in memory
     */
    LeakReportDTO leaks();

    /**
     * Deployments not finished yet: queued or running, including the first look at {@code deploy/}
     * after a start (until every module found there has been deployed or has failed) and a removal
     * being carried out. Cheap; for readiness probes and metrics.
     *
     * @return how many deployments are queued or running; 0 when the manager is idle
     * @since 1.1
     */
    int pendingDeployments();

    /**
     * Retired module versions whose class loader was still reachable when last looked at, without
     * forcing a garbage collection (unlike {@link #leaks()}): a version counts until a collection the
     * JVM runs by itself has freed it. Cheap; for metrics.
     *
     * @return the number of retired versions not yet collected
     * @since 1.1
     */
    int retiredInMemory();
}
