package dev.graft.api.health;

import java.util.Objects;

/**
 * The outcome of one {@link HealthCheck}: healthy or not, and one line saying why. Immutable.
 *
 * @since 1.0
 */
public final class HealthResult {

    private final boolean healthy;
    private final String message;

    private HealthResult(boolean healthy, String message) {
        this.healthy = healthy;
        this.message = Objects.requireNonNull(message, "message");
    }

    /** @param message one line, e.g. {@code 3 idle connections}; not null */
    public static HealthResult healthy(String message) {
        return new HealthResult(true, message);
    }

    /** @param message one line naming what is wrong, e.g. {@code the database does not answer}; not null */
    public static HealthResult unhealthy(String message) {
        return new HealthResult(false, message);
    }

    /** @return true if healthy */
    public boolean isHealthy() {
        return healthy;
    }

    /** @return the one-line message */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return (healthy ? "healthy: " : "unhealthy: ") + message;
    }
}
