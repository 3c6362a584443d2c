package dev.graft.deploy.internal.flow;

import org.osgi.service.log.Logger;

/**
 * Crash tests only: the framework property {@code graft.deploy.pauseAt} ({@code STAGED},
 * {@code STARTED} or {@code SWITCHED}) makes every deployment stop at that point for ten minutes,
 * after saying so in the log, so that a test can kill the process there and check the restart.
 */
final class Pause {

    static final String PROPERTY = "graft.deploy.pauseAt";

    private final String at;
    private final Logger logger;

    Pause(String at, Logger logger) {
        this.at = at == null ? "" : at.trim();
        this.logger = logger;
    }

    void at(String point, String subject) {
        if (!at.equalsIgnoreCase(point)) {
            return;
        }
        logger.warn("{}: pausing at {} ({}={}): kill the process now to test recovery", subject, point, PROPERTY, at);
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
