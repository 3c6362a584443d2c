package dev.graft.http.internal.server;

import dev.graft.api.FailureCode;
import dev.graft.api.http.ExchangeHandler;
import dev.graft.http.internal.bridge.WhiteboardBridge;
import dev.graft.http.internal.edge.ConnectionLimit;
import dev.graft.http.internal.edge.HeaderDeadline;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Graft's HTTP server: one Jetty 12 server, on Jetty's own bundles, listening where
 * {@link HttpSettings} says. Each request is offered to the router first; what it declines reaches
 * the OSGi Servlet Whiteboard (Felix HTTP's bridge) through a servlet context on the same port.
 * Limits at the edge — body size, header size and time, idle time, connections — apply to both.
 */
@Component(immediate = true, service = {})
public class GraftServer {

    private final Logger logger;
    private final Server server;
    private final RouterFirstHandler routerFirst;
    private final HttpSettings settings;

    @Activate
    public GraftServer(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger) throws Exception {
        this.logger = logger;
        this.settings = HttpSettings.read(context::getProperty);
        settings.problems().forEach(problem -> logger.warn("{}: {}", FailureCode.E_CONFIG_INVALID, problem));

        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads());
        threads.setName("graft-http");
        threads.setDaemon(true); // an embedding host's JVM never waits for them
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeoutMillis());
        // At the connection cap accepting pauses, and new connections wait in the kernel's accept
        // queue. The JDK's default of 50 overflows under a flood: the kernel then drops SYNs and a
        // real client retries only after 1 s, 3 s, 7 s. Room for as many as the cap (the kernel
        // clamps it to net.core.somaxconn) costs no file descriptors: they are taken on accept.
        connector.setAcceptQueueSize(settings.maxConnections());
        HeaderDeadline headers = new HeaderDeadline(server.getScheduler(), settings.headerTimeoutMillis(),
                settings.maxConnections());
        connector.addEventListener(headers.listener());
        connector.addBean(headers);
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(settings.maxConnections(), server));
        server.setErrorHandler(new JsonErrorHandler());

        ServletContextHandler whiteboard = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        whiteboard.setClassLoader(getClass().getClassLoader());
        whiteboard.setDisplayName("graft-whiteboard");
        whiteboard.addServlet(new ServletHolder("graft-whiteboard-bridge", new WhiteboardBridge(context)), "/*");
        // the whiteboard's requests are counted by Jetty's size limit; the router's by the exchange
        // (wrapping every request and response costs the route path measurably)
        SizeLimitHandler sizeLimit = new SizeLimitHandler(settings.maxBodyBytes(), -1);
        sizeLimit.setHandler(whiteboard);
        routerFirst = new RouterFirstHandler(sizeLimit, settings.maxBodyBytes(), logger);
        server.setHandler(routerFirst);
        server.start();
        logger.info("HTTP on {}:{} (body ≤ {} bytes, headers ≤ {} bytes within {} ms, idle {} ms, ≤ {} connections,"
                + " accept queue {})", settings.host(), connector.getLocalPort(), settings.maxBodyBytes(),
                settings.maxHeaderBytes(), settings.headerTimeoutMillis(), settings.idleTimeoutMillis(),
                settings.maxConnections(), connector.getAcceptQueueSize());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRouter(ExchangeHandler router) {
        routerFirst.router(router);
    }

    void unbindRouter(ExchangeHandler router) {
        routerFirst.routerGone(router); // a greedy replacement binds the new one first
    }

    @Deactivate
    void deactivate() throws Exception {
        server.stop();
    }
}
