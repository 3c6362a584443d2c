package dev.graft.examples.hello;

import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code GET /hello}: names the version of the module that answers. */
@Component(service = RouteHandler.class)
@RouteMapping(method = "GET", path = "/hello")
public class HelloRoute implements RouteHandler {

    private final String greeting;

    @Activate
    public HelloRoute(BundleContext context) {
        this.greeting = "hello from " + context.getBundle().getVersion();
    }

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        response.text(greeting);
    }
}
