package dev.graft.api.health;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Graft's liveness and readiness, as {@code GET /health/live}, {@code GET /health/ready} and
 * {@code graft:health} show them.
 *
 * <p>Ready means: the HTTP server and the router serve; no deployment is queued or running
 * (including the first look at {@code deploy/} after a start); every module the deployment manager
 * keeps serving has its serving version's bundle active; and every {@link HealthCheck} answered
 * healthy within its timeout. Graft's launcher prints its start-up line only once this is true.
 *
 * <p>Implemented by Graft (the {@code dev.graft.metrics} bundle); thread safe.
 *
 * @since 1.0
 */
@ProviderType
public interface HealthService {

    /** The configuration PID of the health and metrics endpoints ({@code etc/dev.graft.metrics.cfg}). */
    String PID = "dev.graft.metrics";

    /**
     * Evaluates readiness now: reads every module's state and runs every health check, each bounded
     * by its timeout, so this returns within the longest timeout (plus a little).
     *
     * @return the report; {@link HealthReportDTO#ready} tells the answer
     */
    HealthReportDTO ready();

    /** @return true while the process runs and the health service is active (liveness) */
    boolean live();
}
