package dev.graft.routing.internal.dispatch;

import dev.graft.api.http.HttpExchange;
import dev.graft.api.middleware.Exchange;
import dev.graft.api.route.RouteInfo;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import dev.graft.routing.internal.table.RouteEntry;
import java.util.Map;
import java.util.Optional;

/** One request on its way through middleware and a route. */
final class RequestExchange implements Exchange {

    private final HttpExchange http;
    private final ExchangeRouteResponse response;
    private final Attributes attributes = new Attributes();
    private final long startNanos;
    private volatile ExchangeRouteRequest request; // with the route's path parameters once it is chosen
    private volatile RouteEntry route;
    private volatile boolean served;

    RequestExchange(HttpExchange http, long startNanos) {
        this.http = http;
        this.response = new ExchangeRouteResponse(http);
        this.startNanos = startNanos;
        this.request = new ExchangeRouteRequest(http, Map.of(), attributes);
    }

    HttpExchange http() {
        return http;
    }

    ExchangeRouteRequest routeRequest() {
        return request;
    }

    ExchangeRouteResponse routeResponse() {
        return response;
    }

    /** The route and version are chosen: route-phase middleware and the route see them. */
    void chosen(RouteEntry entry, Map<String, String> parameters) {
        route = entry;
        request = request.withParameters(parameters);
    }

    /** The chosen route's handler runs now. */
    void served() {
        served = true;
    }

    /** @return whether a route's handler ran for this request */
    boolean isServed() {
        return served;
    }

    @Override
    public RouteRequest request() {
        return request;
    }

    @Override
    public RouteResponse response() {
        return response;
    }

    @Override
    public int status() {
        return response.currentStatus();
    }

    @Override
    public Optional<String> servedBy() {
        RouteEntry current = route;
        return current == null || !served ? Optional.empty() : Optional.of(current.moduleHeader());
    }

    @Override
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public Optional<RouteInfo> route() {
        RouteEntry current = route;
        return current == null ? Optional.empty() : Optional.of(current.info());
    }

    @Override
    public Optional<Object> attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void attribute(String name, Object value) {
        attributes.set(name, value);
    }
}
