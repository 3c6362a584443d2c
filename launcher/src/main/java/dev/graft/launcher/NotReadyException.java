package dev.graft.launcher;

/**
 * Graft started and serves, but did not become ready in time: {@code /health/ready} still answers
 * 503 (a module in {@code deploy/} is not active, a deployment has not finished, or a health check
 * fails). The message lists why. Graft keeps running; a host may wait longer or stop it.
 *
 * @since 0.1
 */
public class NotReadyException extends LaunchException {

    private static final long serialVersionUID = 1L;

    public NotReadyException(String message) {
        super(message);
    }
}
