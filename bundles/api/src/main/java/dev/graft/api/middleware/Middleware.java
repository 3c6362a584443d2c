package dev.graft.api.middleware;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs around requests: before the route (inspect, reject, add headers) and after it (see the
 * status and the duration).
 *
 * <pre>{@code
 * @Component(service = Middleware.class)
 * @MiddlewareProperties(order = 100, pattern = "/api/*")
 * public class Timing implements Middleware {
 *     public void handle(Exchange exchange, Chain chain) throws Exception {
 *         chain.proceed();                       // the next middleware, then the route
 *         log(exchange.status(), exchange.elapsedNanos());
 *     }
 * }
 * }</pre>
 *
 * <p>Order: lower {@value #ORDER} runs first (outermost); equal orders run by service ranking,
 * highest first, then by registration. The set of middleware is fixed for each request when it
 * starts: middleware that appears or disappears takes effect from the next request.
 *
 * <p>Short-circuit: not calling {@link Chain#proceed()} answers without the route (write the
 * response through {@link Exchange#response()}).
 *
 * <p>Errors: an exception from {@link #handle} gives {@code 500} with a JSON body naming the
 * middleware's module ({@code E_MIDDLEWARE_FAILED}); other requests are not affected.
 *
 * <p>Threading: called concurrently from many request threads. Implemented by module authors.
 *
 * @since 1.0
 */
@ConsumerType
public interface Middleware {

    /** Service property: the order, an {@code Integer}; lower runs first. Default {@code 0}. */
    String ORDER = "graft.middleware.order";

    /**
     * Service property: the request paths this middleware runs for, a {@code String}: an exact path
     * ({@code /hello}), a prefix ending in {@code /*} ({@code /api/*} matches {@code /api} and
     * everything below) or {@code /*} for every request. Default {@code /*}.
     */
    String PATTERN = "graft.middleware.pattern";

    /**
     * Handles one request.
     *
     * @param exchange the request, the response and, after {@link Chain#proceed()}, the outcome
     * @param chain the rest of the chain: the next middleware and finally the route
     * @throws Exception any failure; the client receives {@code 500} if nothing was sent yet
     */
    void handle(Exchange exchange, Chain chain) throws Exception;
}
