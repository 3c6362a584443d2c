package dev.graft.routing.internal.dispatch;

import dev.graft.api.middleware.Exchange;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.util.Optional;

/** One request on its way through middleware and a route. */
final class RequestExchange implements Exchange {

    private final WireRouteRequest request;
    private final WireRouteResponse response;
    private final long startNanos;
    private volatile String servedBy;

    RequestExchange(WireRouteRequest request, WireRouteResponse response, long startNanos) {
        this.request = request;
        this.response = response;
        this.startNanos = startNanos;
    }

    WireRouteRequest routeRequest() {
        return request;
    }

    WireRouteResponse routeResponse() {
        return response;
    }

    void servedBy(String module) {
        servedBy = module;
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
        return Optional.ofNullable(servedBy);
    }

    @Override
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
