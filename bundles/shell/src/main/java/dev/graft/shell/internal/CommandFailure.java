package dev.graft.shell.internal;

/**
 * A command's answer to wrong arguments or to an operation the router refused: a line for the user
 * (for wrong arguments, the reason and the usage line).
 *
 * <p>Gogo's console prints a failed command as its exception's {@code toString()}; this one's is the
 * message alone, so the user never sees a Java class name. The shell's {@code e} still prints the
 * stack trace.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
