package dev.graft.examples.echo;

import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/** {@code GET /echo/{word}}: answers with the word. */
@Component(service = RouteHandler.class)
@RouteMapping(method = "GET", path = "/echo/{word}")
public class EchoWordRoute implements RouteHandler {

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        response.text(request.pathParameter("word"));
    }
}
