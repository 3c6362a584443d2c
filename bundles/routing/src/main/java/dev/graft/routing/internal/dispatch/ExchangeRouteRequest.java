package dev.graft.routing.internal.dispatch;

import dev.graft.api.http.HttpExchange;
import dev.graft.api.route.RouteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link RouteRequest} over a {@link HttpExchange}; without parameters until a route is matched. */
final class ExchangeRouteRequest implements RouteRequest {

    private final HttpExchange wire;
    private final String method;
    private final String path;
    private final Map<String, String> parameters;
    private final Attributes attributes;

    ExchangeRouteRequest(HttpExchange wire, Map<String, String> parameters, Attributes attributes) {
        this.wire = wire;
        this.method = wire.method();
        this.path = wire.path();
        this.parameters = parameters;
        this.attributes = attributes;
    }

    ExchangeRouteRequest withParameters(Map<String, String> matched) {
        return new ExchangeRouteRequest(wire, matched, attributes);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route's path template has no parameter '" + name + "'");
        }
        return value;
    }

    @Override
    public Map<String, String> pathParameters() {
        return parameters;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(wire.header(name));
    }

    @Override
    public List<String> headers(String name) {
        return wire.headers(name);
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(wire.queryParameter(name));
    }

    @Override
    public String remoteAddress() {
        return wire.remoteAddress();
    }

    @Override
    public InputStream body() throws IOException {
        return wire.requestBody();
    }

    @Override
    public Optional<Object> attribute(String name) {
        return attributes.get(name);
    }
}
