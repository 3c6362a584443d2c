package dev.graft.api.route;

import dev.graft.api.route.dto.RouteDTO;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hook called when a route starts or stops being served: register an implementation as a service.
 *
 * <p>Called synchronously from the thread that registers or unregisters the route's service
 * (usually a module starting or stopping); return quickly. An exception is logged and ignored.
 *
 * <p>Implemented by module authors.
 *
 * @since 1.1
 */
@ConsumerType
public interface RouteListener {

    /** @param route the route now known to the router (serving, or kept out as a conflict) */
    void routeAdded(RouteDTO route);

    /**
     * @param route the route no longer served; requests already inside it have finished, or the
     *     drain timeout ({@code drain.timeout.millis}) has passed
     */
    void routeRemoved(RouteDTO route);
}
