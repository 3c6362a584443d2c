package dev.graft.routing.internal.dispatch;

import dev.graft.api.http.ExchangeHandler;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The one servlet Graft puts on the Servlet Whiteboard, at {@code /*}: requests that nothing more
 * specific on the whiteboard serves reach the {@link Dispatcher} here. With Graft's HTTP server,
 * route requests were taken before the whiteboard ({@link RouterExchangeHandler}), so this servlet
 * answers Graft's JSON {@code 404} for unknown paths — without looking them up again, so that a route
 * registered meanwhile never answers through the servlet API (which rewrites headers such as
 * {@code Content-Type}); on any other whiteboard implementation it serves the routes too.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("graft-dispatcher")
@HttpWhiteboardServletPattern("/*")
public class DispatcherServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Dispatcher dispatcher;

    @Activate
    public DispatcherServlet(@Reference Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        ServletExchange exchange = new ServletExchange(request, response);
        if (Boolean.TRUE.equals(request.getAttribute(ExchangeHandler.DECLINED))) {
            dispatcher.dispatchUnrouted(exchange); // the router found no route for it a moment ago
        } else {
            dispatcher.dispatch(exchange);
        }
    }
}
