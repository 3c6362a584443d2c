package dev.graft.routing.internal.dispatch;

import dev.graft.api.route.RouteAdmin;
import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.config.SplitPolicies;
import dev.graft.routing.internal.middleware.MiddlewareFailure;
import dev.graft.routing.internal.middleware.MiddlewareRegistry;
import dev.graft.routing.internal.select.RouteResolver;
import dev.graft.routing.internal.select.RouteResolver.Resolution;
import dev.graft.routing.internal.select.Selection;
import dev.graft.routing.internal.select.VersionSelector;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteMatch;
import dev.graft.routing.internal.table.RouteTable;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Serves one request, whichever way it came in (the whiteboard servlet, or straight from Jetty):
 * it runs through the middleware for its path; then it is looked up in the route table, a version
 * is chosen, and the module's route handles it, counted in flight so that a route being withdrawn
 * can finish it.
 */
@Component(service = Dispatcher.class)
public class Dispatcher {

    /** Response header naming the module that served: {@code <bundle-symbolic-name>/<bundle-version>}. */
    public static final String MODULE_HEADER = "Graft-Module";

    private final RouteRegistry registry;
    private final RouteResolver resolver;
    private final MiddlewareRegistry middleware;
    private final Logger logger;
    private final Watchdog watchdog = new Watchdog();

    @Activate
    public Dispatcher(@Reference RouteRegistry registry, @Reference SplitPolicies policies,
            @Reference MiddlewareRegistry middleware, @Reference(service = LoggerFactory.class) Logger logger) {
        this.registry = registry;
        this.resolver = new RouteResolver(registry.table(), policies);
        this.middleware = middleware;
        this.logger = logger;
    }

    @Deactivate
    void deactivate() {
        watchdog.close();
    }

    /** A lookup made before the middleware ran, and the table's change count read before it. */
    private record Lookup(long seen, Resolution resolution) {}

    /**
     * Serves a request through middleware and a route; every outcome (an error too) is written to
     * the wire's response.
     */
    public void dispatch(Wire wire) {
        run(wire, null);
    }

    /**
     * Serves a request as {@link #dispatch} does, if a route knows its method and path; otherwise
     * does nothing. The lookup that decides is the one the route step uses, unless the table has
     * changed meanwhile.
     *
     * @return false if no route knows the method and path
     */
    public boolean dispatchRouted(Wire wire) {
        long seen = registry.table().changes();
        Resolution resolution = resolver.resolve(wire.method(), wire.path(), wire::header, wire::remoteAddress);
        if (resolution.match() instanceof RouteMatch.NotFound) {
            return false;
        }
        run(wire, new Lookup(seen, resolution));
        return true;
    }

    private void run(Wire wire, Lookup first) {
        long start = System.nanoTime();
        RequestExchange exchange = new RequestExchange(new WireRouteRequest(wire, Map.of()),
                new WireRouteResponse(wire), start);
        try {
            middleware.run(wire.path(), exchange, () -> route(exchange, wire, first));
        } catch (MiddlewareFailure failure) {
            logger.error("{}", failure.getMessage(), failure.getCause());
            try {
                exchange.routeResponse().error(500, JsonText.error("E_MIDDLEWARE_FAILED", "middleware "
                        + failure.middleware() + " of " + failure.owner() + " failed ("
                        + failure.getCause().getClass().getName() + "); see the log", failure.owner().replace(':', '/')));
            } catch (IOException clientGone) {
                // nothing more can be sent
            }
        }
    }

    private void route(RequestExchange exchange, Wire wire, Lookup first) {
        WireRouteRequest routeRequest = exchange.routeRequest();
        String method = routeRequest.method();
        String path = routeRequest.path();
        WireRouteResponse out = exchange.routeResponse();
        RouteTable table = registry.table();
        long heldUntil = 0;
        try {
            Lookup earlier = first;
            while (true) {
                long seen;
                Resolution resolution;
                if (earlier != null && table.changes() == earlier.seen()) {
                    seen = earlier.seen(); // nothing changed since that lookup: it still holds
                    resolution = earlier.resolution();
                } else {
                    seen = table.changes(); // before the lookup: a change after it ends the wait
                    resolution = resolver.resolve(method, path, wire::header, wire::remoteAddress);
                }
                earlier = null;
                RouteMatch match = resolution.match();
                if (match instanceof RouteMatch.Found found) {
                    Selection selection = resolution.selection();
                    if (selection instanceof Selection.Chosen chosen) {
                        RouteEntry route = chosen.route();
                        if (!route.inFlight().tryEnter()) {
                            continue; // withdrawn since the lookup: look again
                        }
                        try {
                            serve(route, route.template().parameters(found.pathSegments()), exchange);
                        } finally {
                            route.inFlight().exit();
                        }
                    } else if (selection instanceof Selection.NoSuchVersion none) {
                        long awaited = VersionSelector.awaitedUntil(found.updating(), none.requested());
                        if (awaited != 0) {
                            // the version asked for is being updated: wait for its successor
                            heldUntil = awaited;
                            table.awaitChange(seen, heldUntil);
                            continue;
                        }
                        if (heldUntil != 0 && System.nanoTime() - heldUntil >= 0) {
                            unavailable(out, method, path);
                            return;
                        }
                        out.error(404, JsonText.object(JsonText.ordered("error", "E_NO_SUCH_VERSION",
                                "message", "no active version of " + method + " " + path + " matches "
                                        + RouteAdmin.VERSION_HEADER + ": " + none.requested(),
                                "versions", none.available())));
                    } else if (selection instanceof Selection.BadVersion bad) {
                        out.error(400, JsonText.error("E_BAD_VERSION", bad.message(), null));
                    }
                    return;
                } else if (match instanceof RouteMatch.Held held) {
                    heldUntil = held.untilNanos();
                    table.awaitChange(seen, heldUntil);
                    continue; // the module may be back: look again
                } else if (heldUntil != 0 && System.nanoTime() - heldUntil >= 0) {
                    unavailable(out, method, path);
                } else if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
                    String allowed = String.join(", ", notAllowed.allowed());
                    out.error(405, JsonText.error("E_METHOD_NOT_ALLOWED", method + " is not allowed on " + path
                            + "; allowed: " + allowed, null), "Allow", allowed);
                } else {
                    out.error(404, JsonText.error("E_NO_ROUTE", "no route for " + method + " " + path, null));
                }
                return;
            }
        } catch (IOException clientGone) {
            // nothing more can be sent
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                unavailable(out, method, path); // never leave a held client without an answer
            } catch (IOException clientGone) {
                // nothing more can be sent
            }
        }
    }

    private static void unavailable(WireRouteResponse out, String method, String path) throws IOException {
        out.error(503, JsonText.error("E_UNAVAILABLE", method + " " + path
                + " is being updated and did not come back in time; try again", null), "Retry-After", "1");
    }

    private void serve(RouteEntry route, Map<String, String> parameters, RequestExchange exchange) {
        WireRouteResponse out = exchange.routeResponse();
        exchange.servedBy(route.moduleHeader());
        out.header(MODULE_HEADER, route.moduleHeader());
        out.beginRoute();
        long timeout = registry.config().route_timeout_millis();
        Thread worker = Thread.currentThread();
        Watchdog.Watch watch = timeout <= 0 ? null : watchdog.watch(() -> {
            WireRouteResponse.CutOff result = out.cutOff(JsonText.error("E_ROUTE_TIMEOUT", "route " + route.method()
                    + " " + route.template() + " did not answer within " + timeout + " ms", route.moduleHeader()), worker);
            if (result == WireRouteResponse.CutOff.SENT) {
                logger.warn("E_TIMEOUT: route {} {} of {} did not answer within {} ms; the client got 504",
                        route.method(), route.template(), route.moduleId(), timeout);
            }
            return result != WireRouteResponse.CutOff.BUSY;
        }, timeout);
        try {
            route.handler().handle(exchange.routeRequest().withParameters(parameters), out);
        } catch (Throwable e) {
            // LinkageError too (a module refreshed under a running request), and errors: the
            // client gets a JSON answer naming the module, the details go to the log
            if (!out.isCutOff()) {
                logger.error("route {} {} of {} failed: {}", route.method(), route.template(), route.moduleId(),
                        e.toString(), e);
                try {
                    out.error(500, JsonText.error("E_ROUTE_FAILED", "route " + route.method() + " " + route.template()
                            + " of " + route.moduleId() + " failed (" + e.getClass().getName() + "); see the log",
                            route.moduleHeader()));
                } catch (IOException clientGone) {
                    // nothing more can be sent
                }
            }
            if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
                throw fatal;
            }
        } finally {
            out.finishRoute();
            if (watch != null) {
                watchdog.done(watch);
            }
            if (out.isCutOff()) {
                Thread.interrupted(); // sent under the lock before finishRoute(): clear it here, for good
            }
        }
    }
}
