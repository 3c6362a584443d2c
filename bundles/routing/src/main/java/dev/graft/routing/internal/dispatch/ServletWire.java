package dev.graft.routing.internal.dispatch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;

/** A {@link Wire} over the servlet request and response of the whiteboard servlet. */
final class ServletWire implements Wire {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String path;

    ServletWire(HttpServletRequest request, HttpServletResponse response) {
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
}
