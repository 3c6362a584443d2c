package dev.graft.api.http;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes requests first, before the OSGi Servlet Whiteboard: Graft's router registers one as a
 * service; the HTTP server offers it every request. With several, the one with the highest
 * {@code service.ranking} is asked.
 *
 * <p>Implemented by Graft's router; the HTTP server only calls it.
 *
 * @since 1.0
 */
@ConsumerType
public interface ExchangeHandler {

    /**
     * Request attribute the server sets, to {@code Boolean.TRUE}, on a request the handler declined
     * before handing it on to the Servlet Whiteboard: a whiteboard servlet of the router's then knows
     * the request was already looked up and found no route.
     *
     * @since 1.1
     */
    String DECLINED = "dev.graft.http.declined";

    /**
     * Offers a request.
     *
     * @param exchange the request and its response
     * @return false to decline: nothing was read or written, and the server hands the request on
     *     to the Servlet Whiteboard; true when taken: the handler calls {@link HttpExchange#complete()}
     *     exactly once, now or later, from any thread
     */
    boolean handle(HttpExchange exchange);
}
