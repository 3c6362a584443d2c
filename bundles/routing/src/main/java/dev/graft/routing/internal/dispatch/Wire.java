package dev.graft.routing.internal.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The HTTP exchange under one request, as the {@link Dispatcher} needs it: over the servlet API
 * (the whiteboard servlet) or over Jetty's own request and response (served straight from Felix
 * HTTP's Jetty server). Not thread-safe: {@link WireRouteResponse} serializes the response side.
 */
public interface Wire {

    String method();

    /** @return the decoded request path below the HTTP context, {@code /} at least */
    String path();

    /** @return the first value of a request header, or null */
    String header(String name);

    List<String> headers(String name);

    /** @return the first value of a query parameter, or null */
    String queryParameter(String name);

    String remoteAddress();

    InputStream requestBody() throws IOException;

    void status(int code);

    /** Sets a response header, replacing any value it had. */
    void responseHeader(String name, String value);

    /** @return a response header's value, or null */
    String responseHeader(String name);

    void contentLength(int length);

    /** @return the response body, the same stream on every call */
    OutputStream responseBody() throws IOException;

    /** @return true once the status and headers are on their way to the client */
    boolean isCommitted();

    /** Forgets the status, the headers and any body not yet sent. */
    void reset();

    /** Sends what the response has so far; the rest may follow. */
    void flush() throws IOException;
}
