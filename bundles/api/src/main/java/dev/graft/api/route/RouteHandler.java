package dev.graft.api.route;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An HTTP route contributed by a module.
 *
 * <p>Register an implementation as an OSGi service with the service properties
 * {@value #METHOD} and {@value #PATH}; the easiest way is a Declarative Services component:
 *
 * <pre>{@code
 * @Component(service = RouteHandler.class)
 * @RouteMapping(method = "GET", path = "/hello/{name}")
 * public class HelloName implements RouteHandler {
 *     public void handle(RouteRequest request, RouteResponse response) {
 *         response.text("hello, " + request.pathParameter("name"));
 *     }
 * }
 * }</pre>
 *
 * <p>Threading: {@link #handle} is called concurrently from many request threads and must be
 * thread safe. It may block (for I/O) but should return promptly; the router counts requests in
 * flight per route so that a module being stopped can finish the requests it has begun.
 *
 * <p>Errors: an exception thrown from {@link #handle} becomes a {@code 500} response with a JSON
 * body naming the module; it never affects other routes.
 *
 * <p>Implemented by module authors.
 *
 * @since 1.0
 */
@ConsumerType
public interface RouteHandler {

    /**
     * Service property: the HTTP method this route answers, in upper case ({@code GET},
     * {@code POST} …). Type {@code String}; default {@value #DEFAULT_METHOD}.
     *
     * @since 1.0
     */
    String METHOD = "graft.route.method";

    /**
     * Service property: the path template this route answers, for example {@code /hello} or
     * {@code /users/{id}/orders}. A segment in braces is a path parameter and matches exactly one
     * non-empty segment; other segments match literally. A literal segment takes precedence over
     * a parameter at the same position. Type {@code String}; required.
     *
     * @since 1.0
     */
    String PATH = "graft.route.path";

    /**
     * The method assumed when a route has no {@value #METHOD} property.
     *
     * @since 1.0
     */
    String DEFAULT_METHOD = "GET";

    /**
     * Handles one request.
     *
     * @param request the request, with the path parameters of the matched template
     * @param response the response; if nothing is written the client receives {@code 200} with an
     *     empty body
     * @throws Exception any failure; the client receives {@code 500} with a JSON error body
     */
    void handle(RouteRequest request, RouteResponse response) throws Exception;
}
