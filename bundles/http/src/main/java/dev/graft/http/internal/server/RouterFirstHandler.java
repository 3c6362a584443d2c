package dev.graft.http.internal.server;

import dev.graft.api.FailureCode;
import dev.graft.api.http.ExchangeHandler;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.log.Logger;

/**
 * Offers every request to Graft's router ({@link ExchangeHandler}) first, at Jetty's core-handler
 * level; what the router declines goes on to the wrapped handler, the Servlet Whiteboard's context.
 */
final class RouterFirstHandler extends Handler.Wrapper {

    private final Logger logger;
    private final long maxBodyBytes;
    private volatile ExchangeHandler router;

    RouterFirstHandler(Handler whiteboard, long maxBodyBytes, Logger logger) {
        super(whiteboard);
        this.maxBodyBytes = maxBodyBytes;
        this.logger = logger;
    }

    synchronized void router(ExchangeHandler current) {
        router = current;
    }

    synchronized void routerGone(ExchangeHandler gone) {
        if (router == gone) {
            router = null;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getLength() > maxBodyBytes) { // declared too large: refused before anyone reads it
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "the request body (" + request.getLength() + " bytes) is larger than " + maxBodyBytes
                            + " bytes (graft.http.maxBodyBytes)");
            return true;
        }
        ExchangeHandler current = router;
        if (current != null) {
            JettyExchange exchange = new JettyExchange(request, response, callback, maxBodyBytes);
            try {
                if (current.handle(exchange)) {
                    return true;
                }
                request.setAttribute(ExchangeHandler.DECLINED, Boolean.TRUE);
            } catch (Throwable e) {
                // the router answers its own failures; this is one it could not (OutOfMemoryError …)
                answerInternal(exchange, e);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    private void answerInternal(JettyExchange exchange, Throwable e) {
        logger.error("{}: the router failed on {} {}: {}", FailureCode.E_INTERNAL, exchange.method(), exchange.path(),
                e.toString(), e);
        try {
            if (!exchange.isCommitted()) {
                exchange.reset();
                exchange.status(FailureCode.E_INTERNAL.status());
                exchange.responseHeader("Content-Type", "application/json");
                exchange.responseBody().write(FailureCode.E_INTERNAL.errorBody("Graft failed to answer "
                        + exchange.method() + " " + exchange.path() + "; see the log").getBytes(StandardCharsets.UTF_8));
                exchange.complete();
                return;
            }
        } catch (Throwable alsoFailed) {
            e.addSuppressed(alsoFailed);
        }
        exchange.fail(e);
    }
}
