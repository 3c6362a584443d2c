package dev.graft.routing.internal.dispatch;

import dev.graft.api.route.RouteResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A {@link RouteResponse} over a servlet response. */
final class ServletRouteResponse implements RouteResponse {

    private final HttpServletResponse response;

    ServletRouteResponse(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public RouteResponse status(int code) {
        response.setStatus(code);
        return this;
    }

    @Override
    public RouteResponse header(String name, String value) {
        response.setHeader(name, value);
        return this;
    }

    @Override
    public void text(String body) throws IOException {
        write(body, "text/plain; charset=UTF-8");
    }

    @Override
    public void json(String json) throws IOException {
        write(json, "application/json");
    }

    @Override
    public OutputStream body() throws IOException {
        return response.getOutputStream();
    }

    private void write(String body, String defaultType) throws IOException {
        if (response.getContentType() == null) {
            response.setContentType(defaultType);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
