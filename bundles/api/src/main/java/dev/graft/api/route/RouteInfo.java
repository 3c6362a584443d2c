package dev.graft.api.route;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Version;

/**
 * The route version chosen for a request, as route-aware middleware sees it: its method and path
 * template, the module and version that serve it, and the route service's own properties — so a
 * module can mark a route, e.g. {@code auth.roles=orders:read}, and middleware can act on it.
 *
 * <p>Implemented by Graft; immutable and thread safe.
 *
 * @since 1.2
 */
@ProviderType
public interface RouteInfo {

    /** @return the HTTP method the route answers, upper case */
    String method();

    /** @return the path template, e.g. {@code /orders/{id}} */
    String template();

    /** @return the bundle symbolic name of the module serving the route */
    String module();

    /** @return the module's bundle version */
    Version version();

    /**
     * @return the route service's properties (those of the {@link RouteHandler} service: the
     *     {@link RouteHandler#METHOD}/{@link RouteHandler#PATH} ones and any a module adds), unmodifiable
     */
    Map<String, Object> properties();
}
