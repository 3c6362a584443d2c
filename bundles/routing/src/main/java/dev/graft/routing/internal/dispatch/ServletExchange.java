package dev.graft.routing.internal.dispatch;

import dev.graft.api.http.HttpExchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;

/**
 * A {@link HttpExchange} over the servlet request and response of the whiteboard servlet. It is
 * served on the servlet's thread: it completes when the servlet returns, and a request that waits
 * for an updating route waits on that thread (the whiteboard is the path of last resort; Graft's
 * own server parks such requests without a thread).
 */
final class ServletExchange implements HttpExchange {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String path;

    ServletExchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
        String pathInfo = request.getPathInfo();
        this.path = pathInfo == null || pathInfo.isEmpty() ? "/" : pathInfo;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(request.getHeaders(name));
    }

    @Override
    public String queryParameter(String name) {
        return request.getParameter(name);
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public InputStream requestBody() throws IOException {
        return request.getInputStream();
    }

    @Override
    public void status(int code) {
        response.setStatus(code);
    }

    @Override
    public void responseHeader(String name, String value) {
        response.setHeader(name, value);
    }

    @Override
    public String responseHeader(String name) {
        return response.getHeader(name);
    }

    @Override
    public void contentLength(int length) {
        response.setContentLength(length);
    }

    @Override
    public OutputStream responseBody() throws IOException {
        return response.getOutputStream();
    }

    @Override
    public boolean isCommitted() {
        return response.isCommitted();
    }

    @Override
    public void reset() {
        response.reset();
    }

    @Override
    public void flush() throws IOException {
        response.flushBuffer();
    }

    @Override
    public void complete() {
        // the servlet container completes the response when the servlet returns
    }

    @Override
    public void execute(Runnable task) {
        task.run(); // never parked: see the class comment
    }
}
