package dev.graft.routing.internal.jetty;

import dev.graft.routing.internal.config.RoutingConfig;
import dev.graft.routing.internal.dispatch.Dispatcher;
import jakarta.servlet.ServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Handler;
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
 * Graft's own), and they cost more than the router itself. So Graft puts one Jetty context of its
 * own first in the server's context collection: a request whose method and path the route table
 * knows is dispatched there; every other request falls through to Felix HTTP, where the
 * whiteboard servlet serves it as before.
 *
 * <p>Felix HTTP offers no way to add a Jetty handler and does not publish its server. The
 * whiteboard servlet finds the server through the first request it serves (Jetty's request under
 * Felix HTTP's wrappers) and {@linkplain #offer offers} it here; until then, and whenever Felix
 * HTTP starts a new server (a configuration change), requests take the whiteboard way once.
 *
 * <p>{@code jetty.direct=false} in {@code etc/dev.graft.routing.cfg} sends everything through the
 * whiteboard again. If Felix HTTP's server is not laid out as expected, nothing is changed and the
 * whiteboard serves.
 */
@Component(service = JettyDirect.class, configurationPid = RoutingConfig.PID)
public class JettyDirect {

    private record Installed(Server server, ContextHandlerCollection collection, ContextHandler context) {}

    private final Dispatcher dispatcher;
    private final Logger logger;
    private volatile Installed installed;
    private volatile boolean enabled;
    private boolean warned; // guarded by this

    @Activate
    public JettyDirect(@Reference Dispatcher dispatcher,
            @Reference(service = LoggerFactory.class) Logger logger, RoutingConfig config) {
        this.dispatcher = dispatcher;
        this.logger = logger;
        update(config);
    }

    @Modified
    void update(RoutingConfig config) {
        enabled = config.jetty_direct();
    }

    /**
     * Called with each request the whiteboard servlet serves: installs Graft's context in the
     * Jetty server under it, unless it is there already.
     */
    public void offer(ServletRequest request) {
        if (!enabled) {
            return;
        }
        Server server = serverOf(request);
        Installed current = installed;
        if (current == null || current.server() != server) {
            install(server);
        }
    }

    private static Server serverOf(ServletRequest request) {
        ServletContextRequest jettyRequest = ServletContextRequest.getServletContextRequest(request);
        return jettyRequest == null ? null : jettyRequest.getConnectionMetaData().getConnector().getServer();
    }

    private synchronized void install(Server server) {
        Installed current = installed;
        if (current != null && current.server() == server) {
            return;
        }
        ContextHandlerCollection collection = server == null ? null : server.getDescendant(ContextHandlerCollection.class);
        ContextHandler felix = collection == null ? null : collection.getDescendant(ContextHandler.class);
        if (felix == null) {
            if (!warned) {
                warned = true;
                logger.warn("Felix HTTP's Jetty server is not laid out as Graft expects (no Jetty request under"
                        + " the servlet request, or no context collection); Graft's routes are served through the"
                        + " Servlet Whiteboard");
            }
            return;
        }
        remove(current); // from a server Felix HTTP has replaced
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
            return;
        }
        installed = new Installed(server, collection, context);
        logger.info("Graft's routes are served straight from Felix HTTP's Jetty (context path {})", contextPath);
    }

    private boolean serve(Request request, Response response, Callback callback) {
        if (!enabled) {
            return false;
        }
        String path = Request.getPathInContext(request);
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        JettyWire wire = new JettyWire(request, response, path);
        try {
            if (!dispatcher.dispatchRouted(wire)) {
                return false; // not Graft's: Felix HTTP's context is next
            }
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
        remove(installed);
        installed = null;
    }

    private void remove(Installed each) {
        if (each == null) {
            return;
        }
        each.collection().removeHandler(each.context());
        try {
            each.context().stop();
        } catch (Exception e) {
            logger.debug("stopping Graft's Jetty context failed", e);
        }
    }
}
