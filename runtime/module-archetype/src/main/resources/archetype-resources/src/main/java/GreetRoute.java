package ${package};

import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteMapping;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/**
 * {@code GET /greet/{name}} answers {@code hello, <name>}.
 *
 * <p>A route is a Declarative Services component that provides {@link RouteHandler}; {@link RouteMapping}
 * gives its method and path template ({@code {name}} matches one path segment). Graft serves it while
 * this module runs; its version is the module's version. {@code handle} is called from many threads
 * at once: keep it free of mutable state.
 *
 * <p>{@code auth.public=true} declares the route public by design: Graft's shipped authentication
 * policy denies routes that say nothing (docs/auth.md). Drop it, or set {@code auth.roles=…}, to
 * require credentials; an operator's policy in {@code etc/} overrides it either way.
 */
@Component(service = RouteHandler.class, property = "auth.public=true")
@RouteMapping(method = "GET", path = "/greet/{name}")
public class GreetRoute implements RouteHandler {

    @Override
    public void handle(RouteRequest request, RouteResponse response) throws IOException {
        response.text("hello, " + request.pathParameter("name"));
    }
}
