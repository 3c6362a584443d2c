package dev.graft.api.middleware;

/**
 * When a {@link Middleware} runs, set by the service property {@value #PROPERTY}:
 *
 * <ol>
 * <li>{@value #REQUEST} (the default): for every request whose path matches, before any route is
 *     looked up — request ids, edge limits, logging; it also runs for requests no route serves;</li>
 * <li>{@value #ROUTE}: after the route and its version are chosen, only for requests a route will
 *     serve — {@link Exchange#route()} tells which, with the route's own properties
 *     (authentication and per-route policies, metrics by route template and version, rate limits).</li>
 * </ol>
 *
 * <p>Within a phase, {@value Middleware#ORDER} orders middleware. All request-phase middleware is
 * outside all route-phase middleware.
 *
 * @since 1.1
 */
public final class MiddlewarePhase {

    /** Service property naming the phase, a {@code String}: {@value #REQUEST} or {@value #ROUTE}. */
    public static final String PROPERTY = "graft.middleware.phase";

    /** Before the route is selected. */
    public static final String REQUEST = "request";

    /** After the route and its version are selected. */
    public static final String ROUTE = "route";

    private MiddlewarePhase() {}
}
