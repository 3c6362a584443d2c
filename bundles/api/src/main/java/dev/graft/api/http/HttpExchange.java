package dev.graft.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One HTTP request and its response, as the server hands it to an {@link ExchangeHandler}.
 *
 * <p>Lifecycle: an exchange the handler {@linkplain ExchangeHandler#handle takes} stays open until
 * {@link #complete()} is called, from any thread, now or later; a handler may park it without a
 * thread and {@linkplain #execute resume} it on the server's workers. Until then the response may
 * be buffered: a small body leaves in one write, and {@link #reset()} can still replace it.
 *
 * <p>Threading: one thread at a time. The caller serializes access (Graft's router does).
 *
 * <p>Request bodies: reading one that is malformed, or larger than the server accepts, throws a
 * {@link BadRequestException} carrying the status and failure code the client should get.
 *
 * <p>Implemented by the HTTP server.
 *
 * @since 1.0
 */
@ProviderType
public interface HttpExchange {

    /** @return the request method, as sent (upper case for standard methods) */
    String method();

    /** @return the decoded request path, without the query string; {@code /} at least */
    String path();

    /** @return the first value of a request header, or null */
    String header(String name);

    /** @return every value of a request header, in order; empty if absent */
    List<String> headers(String name);

    /** @return the first value of a query parameter, or null */
    String queryParameter(String name);

    /** @return the client's address as the server sees it */
    String remoteAddress();

    /**
     * @return the request body, the same stream on every call
     * @throws IOException if the body cannot be read
     */
    InputStream requestBody() throws IOException;

    /** Sets the response status. */
    void status(int code);

    /** Sets a response header, replacing any value it had. */
    void responseHeader(String name, String value);

    /** @return a response header's value, or null */
    String responseHeader(String name);

    /** Sets the response's {@code Content-Length}. */
    void contentLength(int length);

    /**
     * @return the response body, the same stream on every call
     * @throws IOException if the client is gone
     */
    OutputStream responseBody() throws IOException;

    /** @return true once the status and headers are on their way to the client */
    boolean isCommitted();

    /** Forgets the status, the headers and any body not yet sent. */
    void reset();

    /**
     * Sends what the response has so far; the rest may follow.
     *
     * @throws IOException if the client is gone
     */
    void flush() throws IOException;

    /**
     * Sends the rest of the response and ends the exchange. Called once; later calls do nothing.
     */
    void complete();

    /**
     * Runs a task on the server's worker threads, e.g. to resume an exchange that waited without a
     * thread. The task is run once, or, if the server is stopping, the exchange is ended.
     *
     * @param task what to run
     */
    void execute(Runnable task);
}
