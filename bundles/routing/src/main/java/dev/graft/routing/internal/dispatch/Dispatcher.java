package dev.graft.routing.internal.dispatch;

import dev.graft.api.ExitRefusedException;
import dev.graft.api.FailureCode;
import dev.graft.api.auth.AuthConstants;
import dev.graft.api.http.BadRequestException;
import dev.graft.api.http.HttpExchange;
import dev.graft.api.route.RouteAdmin;
import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.config.SplitPolicies;
import dev.graft.routing.internal.hold.HoldQueue;
import dev.graft.routing.internal.hold.Resumer;
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
 * Serves one request, whichever way it came in (offered by Graft's HTTP server, or through the
 * whiteboard servlet): request-phase middleware; then the route table and version selection;
 * route-phase middleware, which sees the chosen route; and the module's route, counted in flight
 * so that a route being withdrawn can finish it.
 *
 * <p>A request for a route that is being updated waits for the new version: parked without a
 * thread in the {@link HoldQueue} when the server offered it, and answered {@code 503} at once
 * beyond the queue's cap.
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
    // woken requests run a few at a time: a burst must not grow the server's pool by one thread each
    private final Resumer resumer = new Resumer(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

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

    /** A lookup, and the table's change count read before it. */
    private record Lookup(long seen, Resolution resolution) {}

    /**
     * Serves a request through middleware and a route, on the calling thread (the whiteboard
     * servlet's); every outcome, an error too, is written to the exchange's response.
     */
    public void dispatch(HttpExchange http) {
        run(new RequestExchange(http, System.nanoTime()), null, 0);
    }

    /**
     * Answers a request the router declined when Graft's server offered it ({@link #dispatchRouted}):
     * request-phase middleware, then {@code 404 E_NO_ROUTE} — no second lookup.
     */
    public void dispatchUnrouted(HttpExchange http) {
        RequestExchange exchange = new RequestExchange(http, System.nanoTime());
        runMiddleware(exchange, () -> {
            try {
                noRoute(exchange.routeResponse(), http.method(), http.path());
            } catch (IOException clientGone) {
                // nothing more can be sent
            }
        });
        countIfUnrouted(exchange);
    }

    /**
     * Serves a request if a route knows its method and path (or is being updated), completing the
     * exchange now or — if the request waits for an updating route — later, on a server worker.
     * The lookup that decides is the one the route step uses, unless the table changed meanwhile.
     *
     * @return false if no route knows the method and path: nothing was read or written
     */
    public boolean dispatchRouted(HttpExchange http) {
        Lookup lookup = lookup(http);
        if (lookup.resolution().match() instanceof RouteMatch.NotFound) {
            return false;
        }
        begin(new RequestExchange(http, System.nanoTime()), lookup, 0);
        return true;
    }

    private Lookup lookup(HttpExchange http) {
        long seen = registry.table().changes(); // before the lookup: a change after it wakes a waiter
        return new Lookup(seen, resolver.resolve(http.method(), http.path(), http::header, http::remoteAddress));
    }

    // serves the request, or parks it while its route is being updated
    private void begin(RequestExchange exchange, Lookup lookup, long heldUntil) {
        HttpExchange http = exchange.http();
        Lookup current = lookup;
        while (true) {
            long until = waitsUntil(current.resolution());
            if (until == 0) {
                run(exchange, current, heldUntil);
                http.complete();
                return;
            }
            HoldQueue.Parked parked = registry.holds().park(http.method(), http.path(), current.seen(), until,
                    () -> resumer.resume(() -> resume(exchange, until), http::execute));
            switch (parked) {
                case PARKED -> {
                    return;
                }
                case FULL -> {
                    try {
                        exchange.routeResponse().error(FailureCode.E_UNAVAILABLE, JsonText.error(FailureCode.E_UNAVAILABLE,
                                http.method() + " " + http.path() + " is being updated and too many requests wait for"
                                        + " it already; try again", null), "Retry-After", "1");
                    } catch (IOException clientGone) {
                        // nothing more can be sent
                    }
                    countIfUnrouted(exchange);
                    http.complete();
                    return;
                }
                case CHANGED -> {
                    heldUntil = until;
                    current = lookup(http);
                }
            }
        }
    }

    private void resume(RequestExchange exchange, long heldUntil) {
        try {
            begin(exchange, lookup(exchange.http()), heldUntil);
        } catch (RuntimeException | Error e) {
            logger.error("{}: a request that waited for {} {} could not be resumed: {}", FailureCode.E_INTERNAL,
                    exchange.http().method(), exchange.http().path(), e.toString(), e);
            exchange.http().complete();
        }
    }

    /** @return until when the request must wait for an updating route, or 0 to serve it now */
    private static long waitsUntil(Resolution resolution) {
        RouteMatch match = resolution.match();
        if (match instanceof RouteMatch.Held held) {
            return held.untilNanos();
        }
        if (match instanceof RouteMatch.Found found && resolution.selection() instanceof Selection.NoSuchVersion none) {
            return VersionSelector.awaitedUntil(found.updating(), none.requested());
        }
        return 0;
    }

    private void run(RequestExchange exchange, Lookup first, long heldUntil) {
        runMiddleware(exchange, () -> route(exchange, first, heldUntil));
        countIfUnrouted(exchange);
    }

    // the router's own count of what no route served (RouteAdmin.unroutedRequests): a field read for the rest
    private void countIfUnrouted(RequestExchange exchange) {
        if (!exchange.isServed()) {
            registry.unrouted().record(exchange.status());
        }
    }

    // request-phase middleware around the rest; a middleware's failure is answered here
    private void runMiddleware(RequestExchange exchange, Runnable rest) {
        try {
            middleware.run(exchange.http().path(), exchange, rest);
        } catch (MiddlewareFailure failure) {
            logger.error("{}: {}", FailureCode.E_MIDDLEWARE_FAILED, failure.getMessage(), failure.getCause());
            try {
                exchange.routeResponse().error(FailureCode.E_MIDDLEWARE_FAILED, JsonText.error(
                        FailureCode.E_MIDDLEWARE_FAILED, "middleware " + failure.middleware() + " of " + failure.owner()
                                + " failed (" + failure.getCause().getClass().getName() + "); see the log",
                        failure.owner().replace(':', '/')));
            } catch (IOException clientGone) {
                // nothing more can be sent
            }
        }
    }

    private void route(RequestExchange exchange, Lookup first, long heldSince) {
        HttpExchange http = exchange.http();
        String method = http.method();
        String path = http.path();
        ExchangeRouteResponse out = exchange.routeResponse();
        RouteTable table = registry.table();
        long heldUntil = heldSince;
        try {
            Lookup earlier = first;
            while (true) {
                // nothing changed since the earlier lookup: it still holds
                Lookup lookup = earlier != null && table.changes() == earlier.seen() ? earlier : lookup(http);
                earlier = null;
                RouteMatch match = lookup.resolution().match();
                long until = waitsUntil(lookup.resolution());
                if (until != 0) {
                    // withdrawn since the server's lookup (rare), or the whiteboard's thread: wait here
                    heldUntil = until;
                    table.awaitChange(lookup.seen(), heldUntil);
                    continue;
                }
                boolean heldTooLong = heldUntil != 0 && System.nanoTime() - heldUntil >= 0;
                if (match instanceof RouteMatch.Found found) {
                    Selection selection = lookup.resolution().selection();
                    if (selection instanceof Selection.Chosen chosen) {
                        RouteEntry route = chosen.route();
                        if (!route.inFlight().tryEnter()) {
                            continue; // withdrawn since the lookup: look again
                        }
                        try {
                            exchange.chosen(route, route.template().parameters(found.pathSegments()));
                            middleware.runRoutePhase(path, exchange, () -> serve(route, exchange),
                                    () -> ungated(route, exchange));
                        } finally {
                            route.inFlight().exit();
                        }
                    } else if (selection instanceof Selection.NoSuchVersion none) {
                        if (heldTooLong) {
                            unavailable(out, method, path);
                        } else {
                            out.error(FailureCode.E_NO_SUCH_VERSION, JsonText.noSuchVersion("no active version of "
                                    + method + " " + path + " matches " + RouteAdmin.VERSION_HEADER + ": "
                                    + none.requested(), none.available()));
                        }
                    } else if (selection instanceof Selection.BadVersion bad) {
                        out.error(FailureCode.E_BAD_VERSION, JsonText.error(FailureCode.E_BAD_VERSION, bad.message(), null));
                    }
                } else if (heldTooLong) {
                    unavailable(out, method, path);
                } else if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
                    String allowed = String.join(", ", notAllowed.allowed());
                    out.error(FailureCode.E_METHOD_NOT_ALLOWED, JsonText.error(FailureCode.E_METHOD_NOT_ALLOWED,
                            method + " is not allowed on " + path + "; allowed: " + allowed, null), "Allow", allowed);
                } else {
                    noRoute(out, method, path);
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

    private static void noRoute(ExchangeRouteResponse out, String method, String path) throws IOException {
        out.error(FailureCode.E_NO_ROUTE, JsonText.error(FailureCode.E_NO_ROUTE, "no route for " + method + " " + path, null));
    }

    private static void unavailable(ExchangeRouteResponse out, String method, String path) throws IOException {
        out.error(FailureCode.E_UNAVAILABLE, JsonText.error(FailureCode.E_UNAVAILABLE, method + " " + path
                + " is being updated and did not come back in time; try again", null), "Retry-After", "1");
    }

    /**
     * No authentication gate runs for this request (the auth bundle is stopped or not installed): fail
     * closed — 503 E_AUTH_UNAVAILABLE — for a route that declares roles or scopes, and for every route
     * when {@code auth.required=true}; serve the others (docs/auth.md).
     */
    private void ungated(RouteEntry route, RequestExchange exchange) {
        Map<String, Object> properties = route.info().properties();
        if (!registry.config().auth_required() && !properties.containsKey(AuthConstants.ROUTE_ROLES)
                && !properties.containsKey(AuthConstants.ROUTE_SCOPES)) {
            serve(route, exchange);
            return;
        }
        logger.debug("{}: {} {} of {} requires authentication and no authentication gate is running",
                FailureCode.E_AUTH_UNAVAILABLE, route.method(), route.template(), route.moduleId());
        try {
            exchange.routeResponse().error(FailureCode.E_AUTH_UNAVAILABLE, JsonText.error(FailureCode.E_AUTH_UNAVAILABLE,
                    "authentication is not available; try again", null), "Retry-After", "1");
        } catch (IOException clientGone) {
            // nothing more can be sent
        }
    }

    private void serve(RouteEntry route, RequestExchange exchange) {
        ExchangeRouteResponse out = exchange.routeResponse();
        exchange.served();
        out.header(MODULE_HEADER, route.moduleHeader());
        out.beginRoute();
        long timeout = registry.timeouts().routeTimeoutMillis();
        Watchdog.Watch watch = timeout <= 0 ? null : watchdog.watch(() -> {
            ExchangeRouteResponse.CutOff result = out.cutOff(JsonText.error(FailureCode.E_ROUTE_TIMEOUT, "route "
                    + route.method() + " " + route.template() + " did not answer within " + timeout + " ms",
                    route.moduleHeader()));
            if (result == ExchangeRouteResponse.CutOff.SENT) {
                logger.warn("{}: route {} {} of {} did not answer within {} ms; the client got 504",
                        FailureCode.E_ROUTE_TIMEOUT, route.method(), route.template(), route.moduleId(), timeout);
            }
            return result != ExchangeRouteResponse.CutOff.BUSY;
        }, timeout);
        try {
            route.handler().handle(exchange.routeRequest(), out);
        } catch (Throwable e) {
            // LinkageError too (a module refreshed under a running request), and errors (OutOfMemoryError):
            // the client gets a JSON answer, the details go to the log
            if (!out.isCutOff()) {
                failed(route, out, e);
            }
        } finally {
            out.finishRoute();
            route.outcomes().record(out.currentStatus());
            if (watch != null) {
                watchdog.done(watch);
            }
        }
    }

    private void failed(RouteEntry route, ExchangeRouteResponse out, Throwable e) {
        try {
            BadRequestException badRequest = causeOf(e, BadRequestException.class);
            if (badRequest != null) {
                // the client's fault, not the module's: no stack trace, no ERROR
                logger.debug("{}: {} {} of {}: {}", badRequest.code(), route.method(), route.template(),
                        route.moduleId(), badRequest.getMessage());
                out.error(badRequest.code(), JsonText.error(badRequest.code(), badRequest.getMessage(), null));
                return;
            }
            ExitRefusedException exit = causeOf(e, ExitRefusedException.class);
            if (exit != null) {
                // the JVM never ended: one line names who tried, the stack trace adds nothing
                String refused = exit.module() + " called " + exit.call() + " in route " + route.method() + " "
                        + route.template() + "; refused";
                logger.warn("{}: {}", FailureCode.E_EXIT_REFUSED, refused);
                out.error(FailureCode.E_EXIT_REFUSED, JsonText.error(FailureCode.E_EXIT_REFUSED, refused
                        + ": a module cannot end the JVM", route.moduleHeader()));
                return;
            }
            logger.error("{}: route {} {} of {} failed: {}", FailureCode.E_ROUTE_FAILED, route.method(),
                    route.template(), route.moduleId(), e.toString(), e);
            out.error(FailureCode.E_ROUTE_FAILED, JsonText.error(FailureCode.E_ROUTE_FAILED, "route " + route.method()
                    + " " + route.template() + " of " + route.moduleId() + " failed (" + e.getClass().getName()
                    + "); see the log", route.moduleHeader()));
        } catch (IOException clientGone) {
            // nothing more can be sent
        }
    }

    /** @return the first exception of this type in the cause chain, or null */
    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
