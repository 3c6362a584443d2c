package dev.graft.api.middleware;

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

    /** @return the request; {@link RouteRequest#pathParameter} knows no parameters here, routes are not selected yet */
    RouteRequest request();

    /** @return the response, for headers or to answer without the route */
    RouteResponse response();

    /** @return the status code set so far (200 if none); after {@link Chain#proceed()}, the route's */
    int status();

    /** @return after {@link Chain#proceed()}: the module that served, as {@code bsn/version}, if a route served */
    Optional<String> servedBy();

    /** @return nanoseconds since the request entered Graft */
    long elapsedNanos();
}
