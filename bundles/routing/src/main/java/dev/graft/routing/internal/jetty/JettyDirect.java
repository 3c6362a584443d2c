package dev.graft.routing.internal.jetty;

import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.config.RoutingConfig;
import dev.graft.routing.internal.dispatch.Dispatcher;
import dev.graft.routing.internal.table.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Serves Graft's routes straight from Felix HTTP's Jetty server, ahead of the Servlet Whiteboard.
 *
 * <p>Felix HTTP puts a servlet context with sessions, whiteboard dispatch, preprocessors and
 * request wrappers in front of every servlet; Graft's routes use none of these (middleware is
 * Graft's own), and they cost more than the router itself. Felix HTTP has no way to add a Jetty
 * handler, but it hands its {@link Server} to every {@link ConnectorFactory} service, each time it
 * starts Jetty. Graft uses that to put one context of its own first in the server's context
 * collection: a request whose method and path the route table knows is dispatched there; every
 * other request falls through to Felix HTTP, where the whiteboard servlet serves it as before.
 * The connector returned is an in-memory one: it opens no port.
 *
 * <p>{@code jetty.direct=false} in {@code etc/dev.graft.routing.cfg} sends everything through the
 * whiteboard again. If Felix HTTP's server is not laid out as expected, nothing is changed and the
 * whiteboard serves.
 */
@Component(service = ConnectorFactory.class, configurationPid = RoutingConfig.PID)
public class JettyDirect implements ConnectorFactory {

    private record Installed(ContextHandlerCollection collection, ContextHandler context) {}

    private final RouteRegistry registry;
    private final Dispatcher dispatcher;
    private final Logger logger;
    private final List<Installed> installed = new ArrayList<>();
    private volatile boolean enabled;

    @Activate
    public JettyDirect(@Reference RouteRegistry registry, @Reference Dispatcher dispatcher,
            @Reference(service = LoggerFactory.class) Logger logger, RoutingConfig config) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.logger = logger;
        update(config);
    }

    @Modified
    void update(RoutingConfig config) {
        enabled = config.jetty_direct();
    }

    @Override
    public synchronized Connector createConnector(Server server) {
        installed.removeIf(i -> !i.collection().isRunning()); // a server Felix HTTP has stopped
        ContextHandlerCollection collection = server.getDescendant(ContextHandlerCollection.class);
        ContextHandler felix = collection == null ? null : collection.getDescendant(ContextHandler.class);
        if (felix == null) {
            logger.warn("Felix HTTP's Jetty server has no context collection; Graft's routes are served through"
                    + " the Servlet Whiteboard");
            return new LocalConnector(server);
        }
        String contextPath = felix.getContextPath();
        ContextHandler context = new ContextHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return serve(request, response, callback);
            }
        }, contextPath);
        context.setDisplayName("graft-routes");
        List<Handler> handlers = new ArrayList<>();
        handlers.add(context);
        handlers.addAll(collection.getHandlers());
        collection.setHandlers(handlers);
        try {
            context.start();
        } catch (Exception e) {
            collection.removeHandler(context);
            logger.warn("Graft's routes are served through the Servlet Whiteboard: their Jetty context did not start",
                    e);
            return new LocalConnector(server);
        }
        installed.add(new Installed(collection, context));
        logger.info("Graft's routes are served straight from Felix HTTP's Jetty (context path {}){}", contextPath,
                enabled ? "" : "; off for now: jetty.direct=false");
        return new LocalConnector(server);
    }

    private boolean serve(Request request, Response response, Callback callback) {
        if (!enabled) {
            return false;
        }
        String path = Request.getPathInContext(request);
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        if (registry.table().match(request.getMethod(), path) instanceof RouteMatch.NotFound) {
            return false; // not Graft's: Felix HTTP's context is next
        }
        JettyWire wire = new JettyWire(request, response, path);
        try {
            dispatcher.dispatch(wire);
            wire.complete(callback);
        } catch (Throwable e) {
            callback.failed(e);
            if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
                throw fatal;
            }
        }
        return true;
    }

    @Deactivate
    synchronized void deactivate() {
        for (Installed each : installed) {
            each.collection().removeHandler(each.context());
            try {
                each.context().stop();
            } catch (Exception e) {
                logger.debug("stopping Graft's Jetty context failed", e);
            }
        }
        installed.clear();
    }
}
