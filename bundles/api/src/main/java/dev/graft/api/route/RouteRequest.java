package dev.graft.api.route;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The request a {@link RouteHandler} is asked to handle.
 *
 * <p>Valid only during the call to {@link RouteHandler#handle}; do not keep it.
 *
 * <p>Implemented by Graft; module authors only call it.
 *
 * @since 1.0
 */
@ProviderType
public interface RouteRequest {

    /** @return the HTTP method, in upper case */
    String method();

    /** @return the decoded request path, without the query string, e.g. {@code /hello/ann} */
    String path();

    /**
     * The value of one path parameter of the matched template.
     *
     * @param name the parameter's name as written in braces in the template
     * @return the decoded value
     * @throws IllegalArgumentException if the template has no such parameter
     */
    String pathParameter(String name);

    /** @return all path parameters of the matched template, by name; unmodifiable */
    Map<String, String> pathParameters();

    /**
     * @param name a header name, in any case
     * @return the first value of that header, if present
     */
    Optional<String> header(String name);

    /**
     * @param name a header name, in any case
     * @return every value of that header, in the order received; empty if absent
     */
    List<String> headers(String name);

    /**
     * @param name a query parameter's name
     * @return its first value, if present
     */
    Optional<String> queryParameter(String name);

    /** @return the client's address as seen by the server */
    String remoteAddress();

    /**
     * @return the request body as a stream; read it at most once. A malformed body, or one larger
     *     than the server accepts, fails with {@link dev.graft.api.http.BadRequestException}: let it
     *     escape and the client gets 400 or 413, not a 500 that blames the route
     * @throws IOException if the body cannot be read
     */
    InputStream body() throws IOException;

    /**
     * A value middleware attached to this request (see
     * {@link dev.graft.api.middleware.Exchange#attribute(String, Object)}), e.g. the authenticated
     * principal.
     *
     * @param name the attribute's name; by convention a package-like prefix, e.g. {@code graft.auth.principal}
     * @return the value, if set
     * @since 1.2
     */
    Optional<Object> attribute(String name);
}
