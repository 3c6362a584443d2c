package dev.graft.examples.orders;

import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/** {@code GET /catalog}: public (the distribution's policy {@code etc/dev.graft.auth.policy-catalog.cfg}). */
@Component(service = RouteHandler.class)
@RouteMapping(method = "GET", path = "/catalog")
public class CatalogRoute implements RouteHandler {

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        response.json("{\"items\":[\"tea\",\"coffee\"]}");
    }
}
