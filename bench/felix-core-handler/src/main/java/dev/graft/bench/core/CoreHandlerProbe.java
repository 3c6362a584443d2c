package dev.graft.bench.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Felix HTTP offers no way to add a plain Jetty handler; but it hands its {@link Server} to every
 * {@link ConnectorFactory} service. This probe uses that to put a context with a bare core handler
 * first in the server's context collection: GET /core is answered there, everything else falls
 * through to Felix HTTP. The connector it returns is an in-memory one (no port); Felix HTTP
 * fails to register its whiteboard if it restarts Jetty while such a connector is offered, which
 * is fine for a measurement and one reason Graft's router finds the server another way.
 *
 * <p>For measuring only: it bypasses the whiteboard (preprocessors, servlet context helpers,
 * sessions), which is why Graft itself does not serve this way.
 */
@Component(service = ConnectorFactory.class)
public class CoreHandlerProbe implements ConnectorFactory {

    private static final byte[] BODY = "hello from 1.0.0".getBytes(StandardCharsets.UTF_8);

    private final List<ContextHandlerCollection> patched = new ArrayList<>();
    private final List<ContextHandler> contexts = new ArrayList<>();

    @Override
    public synchronized Connector createConnector(Server server) {
        ContextHandlerCollection collection = server.getDescendant(ContextHandlerCollection.class);
        if (collection != null) {
            ContextHandler context = new ContextHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    if (!"/core".equals(request.getHttpURI().getPath())) {
                        return false; // Felix HTTP's context is next
                    }
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
                    response.write(true, ByteBuffer.wrap(BODY), callback);
                    return true;
                }
            }, "/");
            List<Handler> handlers = new ArrayList<>();
            handlers.add(context);
            handlers.addAll(collection.getHandlers());
            collection.setHandlers(handlers);
            try {
                context.start();
            } catch (Exception e) {
                throw new IllegalStateException("the probe's context did not start", e);
            }
            patched.add(collection);
            contexts.add(context);
        }
        return new LocalConnector(server);
    }

    @Deactivate
    synchronized void deactivate() throws Exception {
        for (int i = 0; i < contexts.size(); i++) {
            patched.get(i).removeHandler(contexts.get(i));
            contexts.get(i).stop();
        }
    }
}
