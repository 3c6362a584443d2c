package dev.graft.examples.hello;

import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/** {@code GET /hello/{name}}: greets by name. */
@Component(service = RouteHandler.class)
@RouteMapping(method = "GET", path = "/hello/{name}")
public class HelloNameRoute implements RouteHandler {

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        response.text("hello, " + request.pathParameter("name"));
    }
}
