package dev.graft.api.route;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The response a {@link RouteHandler} writes.
 *
 * <p>Status and headers must be set before the body is written. Valid only during the call to
 * {@link RouteHandler#handle}.
 *
 * <p>Implemented by Graft; module authors only call it.
 *
 * @since 1.0
 */
@ProviderType
public interface RouteResponse {

    /**
     * Sets the status code; {@code 200} unless set.
     *
     * @param code the HTTP status code
     * @return this response
     */
    RouteResponse status(int code);

    /**
     * Sets a header, replacing any value it had.
     *
     * @param name the header name
     * @param value the value
     * @return this response
     */
    RouteResponse header(String name, String value);

    /**
     * Writes a UTF-8 text body with content type {@code text/plain; charset=UTF-8}, unless a
     * content type was set with {@link #header}.
     *
     * @param body the whole body
     * @throws IOException if the client is gone
     */
    void text(String body) throws IOException;

    /**
     * Writes a JSON body (content type {@code application/json}); the caller supplies the JSON
     * text.
     *
     * @param json the whole body, already valid JSON
     * @throws IOException if the client is gone
     */
    void json(String json) throws IOException;

    /**
     * @return a stream for a body of any type; set {@code Content-Type} first
     * @throws IOException if the client is gone
     */
    OutputStream body() throws IOException;
}
