package dev.graft.routing.internal.middleware;

/** A middleware threw; names it. */
public final class MiddlewareFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String middleware;
    private final String owner;

    MiddlewareFailure(MiddlewareRef ref, Throwable cause) {
        super("middleware " + ref + " failed: " + cause, cause);
        this.middleware = ref.middleware().getClass().getName();
        this.owner = ref.owner();
    }

    /** @return the middleware's class name */
    public String middleware() {
        return middleware;
    }

    /** @return {@code bsn:version} of its module */
    public String owner() {
        return owner;
    }
}
