package dev.graft.examples.orders;

import dev.graft.api.auth.AuthConstants;
import dev.graft.api.auth.Principal;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/**
 * {@code GET /orders}: requires the role {@code orders:read}, declared on the route itself
 * ({@code auth.roles}); an operator's policy can add to it, never drop it. The authenticated
 * principal arrives as a request attribute.
 */
@Component(service = RouteHandler.class, property = AuthConstants.ROUTE_ROLES + "=orders:read")
@RouteMapping(method = "GET", path = "/orders")
public class OrdersRoute implements RouteHandler {

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        String who = request.attribute(AuthConstants.PRINCIPAL_ATTRIBUTE).map(p -> ((Principal) p).name()).orElse("?");
        response.json("{\"for\":\"" + who.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"orders\":[1001,1002]}");
    }
}
