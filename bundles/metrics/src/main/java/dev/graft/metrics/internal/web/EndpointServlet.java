package dev.graft.metrics.internal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The endpoints as a Servlet Whiteboard servlet on the main port. */
final class EndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Endpoints endpoints;

    EndpointServlet(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Endpoints.Answer answer = endpoints.answer(request.getMethod(), path, request.getHeader("Accept"));
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(answer.body().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(answer.body());
        }
    }
}
