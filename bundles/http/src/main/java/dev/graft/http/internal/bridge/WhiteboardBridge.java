package dev.graft.http.internal.bridge;

import dev.graft.api.FailureCode;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Hands requests the router declined to the OSGi Servlet Whiteboard, on the same port: Felix HTTP
 * in bridge mode registers its whiteboard dispatcher as a servlet service marked
 * {@value #DISPATCHER_PROPERTY}, to be run inside a host's servlet context — this servlet is that
 * host. This is the bridge's documented contract; nothing of Felix HTTP's implementation is used.
 */
public final class WhiteboardBridge extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Service property marking Felix HTTP's bridged whiteboard dispatcher. */
    public static final String DISPATCHER_PROPERTY = "http.felix.dispatcher";

    private final transient BundleContext context;
    private transient volatile ServiceTracker<HttpServlet, HttpServlet> tracker;

    public WhiteboardBridge(BundleContext context) {
        this.context = context;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(objectClass=" + HttpServlet.class.getName() + ")("
                    + DISPATCHER_PROPERTY + "=*))");
        } catch (InvalidSyntaxException e) {
            throw new ServletException(e);
        }
        tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public HttpServlet addingService(ServiceReference<HttpServlet> reference) {
                HttpServlet dispatcher = super.addingService(reference);
                if (dispatcher != null) {
                    try {
                        dispatcher.init(config); // the host's servlet context, as the bridge expects
                    } catch (ServletException e) {
                        log("the Servlet Whiteboard's dispatcher did not initialize", e);
                    }
                }
                return dispatcher;
            }

            @Override
            public void removedService(ServiceReference<HttpServlet> reference, HttpServlet dispatcher) {
                dispatcher.destroy();
                super.removedService(reference, dispatcher);
            }
        };
        tracker.open();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ServiceTracker<HttpServlet, HttpServlet> current = tracker;
        HttpServlet dispatcher = current == null ? null : current.getService();
        if (dispatcher == null) {
            response.setStatus(FailureCode.E_NO_ROUTE.status());
            response.setContentType("application/json");
            response.getOutputStream().write(FailureCode.E_NO_ROUTE.errorBody("no route for " + request.getMethod() + " "
                    + request.getRequestURI() + " (the Servlet Whiteboard is not running)").getBytes(StandardCharsets.UTF_8));
            return;
        }
        dispatcher.service(request, response);
    }

    @Override
    public void destroy() {
        ServiceTracker<HttpServlet, HttpServlet> current = tracker;
        if (current != null) {
            current.close();
        }
        super.destroy();
    }
}
