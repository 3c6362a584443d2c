package dev.graft.routing.internal.dispatch;

import dev.graft.api.route.RouteRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link RouteRequest} over a servlet request; without parameters until a route is matched. */
final class ServletRouteRequest implements RouteRequest {

    private final HttpServletRequest request;
    private final String method;
    private final String path;
    private final Map<String, String> parameters;

    ServletRouteRequest(HttpServletRequest request, String method, String path, Map<String, String> parameters) {
        this.request = request;
        this.method = method;
        this.path = path;
        this.parameters = parameters;
    }

    ServletRouteRequest withParameters(Map<String, String> matched) {
        return new ServletRouteRequest(request, method, path, matched);
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
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(request.getHeaders(name));
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(request.getParameter(name));
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public InputStream body() throws IOException {
        return request.getInputStream();
    }
}
