package dev.graft.auth.internal.admin;

import dev.graft.api.route.RouteRequest;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request made up by graft:auth-test: a method, a path and headers. */
record TestRequest(String method, String path, Map<String, String> headerMap) implements RouteRequest {

    @Override
    public String pathParameter(String name) {
        throw new IllegalArgumentException("no path parameters in a test request");
    }

    @Override
    public Map<String, String> pathParameters() {
        return Map.of();
    }

    @Override
    public Optional<String> header(String name) {
        return headerMap.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst();
    }

    @Override
    public List<String> headers(String name) {
        return header(name).map(List::of).orElse(List.of());
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.empty();
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public InputStream body() {
        return InputStream.nullInputStream();
    }

    @Override
    public Optional<Object> attribute(String name) {
        return Optional.empty();
    }
}
