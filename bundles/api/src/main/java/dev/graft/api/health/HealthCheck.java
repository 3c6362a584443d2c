package dev.graft.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A health check a module contributes: register it as a service and Graft's readiness includes it.
 *
 * <pre>{@code
 * @Component(property = {HealthCheck.NAME + "=orders-db", HealthCheck.TIMEOUT_MILLIS + ":Long=500"})
 * public class DatabaseCheck implements HealthCheck {
 *     public HealthResult check() {
 *         return pool.ping() ? HealthResult.healthy("pool has " + pool.idle() + " idle connections")
 *                 : HealthResult.unhealthy("the database does not answer");
 *     }
 * }
 * }</pre>
 *
 * <p>Each readiness evaluation runs every check on a thread of Graft's, at most for its timeout:
 * a check that has not answered by then is reported as {@code timed out after N ms} and counts as
 * unhealthy, and the endpoint answers anyway. While such a check still runs, Graft does not start it
 * again; it reports it as still running. An exception from {@link #check()} counts as unhealthy,
 * with the exception's message.
 *
 * <p>Threading: called from Graft's health threads, one call at a time per check. Implemented by
 * module authors.
 *
 * @since 1.0
 */
@ConsumerType
public interface HealthCheck {

    /** Service property: the check's name as reports show it, a {@code String}; default the service's class name. */
    String NAME = "graft.health.name";

    /**
     * Service property: how long the check may take, in milliseconds, a {@code Long} or {@code Integer};
     * default the health service's configured {@code check.timeout.millis} (1000).
     */
    String TIMEOUT_MILLIS = "graft.health.timeout.millis";

    /**
     * Checks.
     *
     * @return the outcome, never null
     * @throws Exception any failure, reported as unhealthy with its message
     */
    HealthResult check() throws Exception;
}
