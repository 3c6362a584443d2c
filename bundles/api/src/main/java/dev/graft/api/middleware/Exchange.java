package dev.graft.api.middleware;

import dev.graft.api.route.RouteInfo;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One request as middleware sees it. Valid only during {@link Middleware#handle}. Implemented by Graft.
 *
 * @since 1.0
 */
@ProviderType
public interface Exchange {

    /**
     * @return the request; in the {@linkplain MiddlewarePhase#REQUEST request phase}
     *     {@link RouteRequest#pathParameter} knows no parameters (no route is selected yet), in the
     *     {@linkplain MiddlewarePhase#ROUTE route phase} it knows the chosen route's
     */
    RouteRequest request();

    /** @return the response, for headers or to answer without the route */
    RouteResponse response();

    /** @return the status code set so far (200 if none); after {@link Chain#proceed()}, the route's */
    int status();

    /** @return after {@link Chain#proceed()}: the module that served, as {@code bsn/version}, if a route served */
    Optional<String> servedBy();

    /** @return nanoseconds since the request entered Graft */
    long elapsedNanos();

    /**
     * The route version chosen for the request.
     *
     * @return in the {@linkplain MiddlewarePhase#ROUTE route phase}: the route; in the request
     *     phase: empty until a route has served (then, after {@link Chain#proceed()}, the one that did)
     * @since 1.1
     */
    Optional<RouteInfo> route();

    /**
     * A value attached to this request by earlier middleware.
     *
     * @param name the attribute's name
     * @return the value, if set
     * @since 1.1
     */
    Optional<Object> attribute(String name);

    /**
     * Attaches a value to this request, for later middleware and the route
     * ({@link RouteRequest#attribute(String)}). Attributes live as long as the request.
     *
     * @param name the attribute's name; by convention a package-like prefix, e.g. {@code graft.auth.principal}
     * @param value the value; null removes the attribute
     * @since 1.1
     */
    void attribute(String name, Object value);
}
