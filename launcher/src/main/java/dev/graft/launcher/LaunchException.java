package dev.graft.launcher;

/**
 * Graft could not be started or stopped. The message is one line a person can act on, e.g.
 * {@code port 8080 is already in use}.
 */
public class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
