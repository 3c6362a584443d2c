package dev.graft.examples.echo;

import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;

/** {@code POST /echo}: answers with the request body. */
@Component(service = RouteHandler.class)
@RouteMapping(method = "POST", path = "/echo")
public class EchoRoute implements RouteHandler {

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        try (InputStream body = request.body()) {
            response.text(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
