/**
 * The data plane's contract between Graft's HTTP server and its router.
 *
 * <p>The server bundle ({@code dev.graft.http}) owns the listening socket and offers every request
 * as an {@link dev.graft.api.http.HttpExchange} to the {@link dev.graft.api.http.ExchangeHandler}
 * service (Graft's router) before anything else sees it; what the handler declines goes on to the
 * OSGi Servlet Whiteboard on the same port. Neither side knows the other's implementation: the
 * router imports no server package, and any server that implements this package can carry it.
 *
 * <p>Module authors do not use this package; they write routes ({@code dev.graft.api.route}) and
 * middleware ({@code dev.graft.api.middleware}).
 *
 * <p>1.1 adds {@link dev.graft.api.http.ExchangeHandler#DECLINED}: the server marks the requests the
 * handler declined, so that the handler's whiteboard side does not look them up again.
 */
@Version("1.1.0")
package dev.graft.api.http;

import org.osgi.annotation.versioning.Version;
