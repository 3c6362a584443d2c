package dev.graft.deploy.internal.health;

import dev.graft.api.FailureCode;
import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.dto.FailureDTO;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.deploy.internal.DeployFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Whether the routes a started module registered are in the router's table, read from the router's
 * API ({@link RouteAdmin}): every {@link RouteHandler} service of the bundle is listed as a route and
 * would serve once its version takes traffic. A route the router rejected ({@code E_ROUTE_INVALID})
 * fails the deployment at once; one that another module's route keeps out ({@code E_ROUTE_CONFLICT})
 * or that is not listed yet is waited for until the health timeout.
 */
final class RouteHealth {

    private final RouteAdmin router;

    RouteHealth(RouteAdmin router) {
        this.router = router;
    }

    /**
     * @return what the module's routes still wait for; empty if each is in the router's table
     * @throws DeployFailure {@code E_UNHEALTHY} if the router rejected one of them
     */
    List<String> check(Bundle bundle, String subject) throws DeployFailure {
        List<String> waiting = new ArrayList<>();
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        if (services == null) {
            return waiting;
        }
        List<RouteDTO> table = null;
        for (ServiceReference<?> service : services) {
            if (!Arrays.asList((String[]) service.getProperty(Constants.OBJECTCLASS)).contains(RouteHandler.class.getName())) {
                continue;
            }
            long id = (Long) service.getProperty(Constants.SERVICE_ID);
            String route = describe(service);
            FailureDTO rejected = rejection(id);
            if (rejected != null) {
                throw new DeployFailure(FailureCode.E_UNHEALTHY, subject + " is not healthy: the router rejected its route "
                        + route + " (" + rejected.code + "): " + rejected.message);
            }
            table = table == null ? router.routes() : table;
            RouteDTO listed = table.stream().filter(r -> r.serviceId == id).findFirst().orElse(null);
            if (listed == null) {
                waiting.add("route " + route + " is not in the router's table yet");
            } else if (RouteDTO.STATE_CONFLICT.equals(listed.state)) {
                waiting.add("route " + route + " is not served (" + FailureCode.E_ROUTE_CONFLICT + "): " + listed.failureReason);
            } else {
                // a version on standby is not listed as a conflict: it would be one once it serves
                RouteDTO owner = ownerElsewhere(table, listed);
                if (owner != null) {
                    waiting.add("route " + route + " would not be served (" + FailureCode.E_ROUTE_CONFLICT + "): "
                            + owner.module + ":" + owner.version + " already serves " + owner.method + " " + owner.path);
                }
            }
        }
        return waiting;
    }

    private FailureDTO rejection(long serviceId) {
        return router.failures().stream().filter(f -> f.serviceId == serviceId).findFirst().orElse(null);
    }

    // another module's active route for the same method and path shape (/a/{x} and /a/{y} are one)
    private static RouteDTO ownerElsewhere(List<RouteDTO> table, RouteDTO route) {
        String shape = shape(route.path);
        return table.stream().filter(r -> !Objects.equals(r.module, route.module) && RouteDTO.STATE_ACTIVE.equals(r.state)
                && Objects.equals(r.method, route.method) && shape.equals(shape(r.path))).findFirst().orElse(null);
    }

    private static String shape(String path) {
        return path == null ? "" : path.replaceAll("\\{[^}/]*\\}", "{}");
    }

    private static String describe(ServiceReference<?> service) {
        Object method = service.getProperty(RouteHandler.METHOD);
        return (method == null ? RouteHandler.DEFAULT_METHOD : method) + " " + service.getProperty(RouteHandler.PATH)
                + " (service " + service.getProperty(Constants.SERVICE_ID) + ")";
    }
}
