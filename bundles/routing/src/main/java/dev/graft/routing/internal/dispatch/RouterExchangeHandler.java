package dev.graft.routing.internal.dispatch;

import dev.graft.api.http.ExchangeHandler;
import dev.graft.api.http.HttpExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The router as Graft's HTTP server sees it: every request is offered here before the Servlet
 * Whiteboard; those a route knows (or waits for) are taken, the rest declined untouched.
 */
@Component(service = ExchangeHandler.class)
public class RouterExchangeHandler implements ExchangeHandler {

    private final Dispatcher dispatcher;

    @Activate
    public RouterExchangeHandler(@Reference Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public boolean handle(HttpExchange exchange) {
        return dispatcher.dispatchRouted(exchange);
    }
}
