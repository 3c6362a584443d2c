package dev.graft.metrics.internal.web;

import dev.graft.api.health.HealthService;
import dev.graft.metrics.internal.registry.GraftRegistry;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * Serves {@code /metrics} and {@code /health/*}: by default as a Servlet Whiteboard servlet on the
 * main port (reached for every path no route serves); with the framework property
 * {@value #PORT_PROPERTY} set ({@code etc/config.properties}), only on that management port.
 */
@Component(service = {})
public class EndpointPublisher {

    /** Framework property: the management port; unset serves the endpoints on the main port. */
    public static final String PORT_PROPERTY = "graft.management.port";

    /** Framework property: the management port's address; default {@code 127.0.0.1}. */
    public static final String HOST_PROPERTY = "graft.management.host";

    private final ServiceRegistration<Servlet> servlet;
    private final ManagementServer management;

    @Activate
    public EndpointPublisher(BundleContext context, @Reference GraftRegistry registry, @Reference HealthService health,
            @Reference(service = LoggerFactory.class) Logger logger) throws IOException {
        Endpoints endpoints = new Endpoints(registry, health);
        String port = context.getProperty(PORT_PROPERTY);
        if (port == null || port.isBlank()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, new String[] {"/metrics", "/health/*"});
            properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "graft-metrics");
            servlet = context.registerService(Servlet.class, new EndpointServlet(endpoints), properties);
            management = null;
        } else {
            int number;
            try {
                number = Integer.parseInt(port.trim());
                if (number < 0 || number > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(dev.graft.api.FailureCode.E_CONFIG_INVALID + ": " + PORT_PROPERTY + "="
                        + port + " is not a port (0-65535); /metrics and /health are not served", e);
            }
            String host = context.getProperty(HOST_PROPERTY);
            host = host == null || host.isBlank() ? "127.0.0.1" : host.trim();
            try {
                management = new ManagementServer(host, number, endpoints);
            } catch (IOException e) {
                throw new IOException("the management port " + host + ":" + number + " cannot be opened: " + e.getMessage(), e);
            }
            servlet = null;
            logger.info("/metrics and /health are served on the management port http://{}:{}/", host, management.port());
        }
    }

    @Deactivate
    void deactivate() {
        if (servlet != null) {
            servlet.unregister();
        }
        if (management != null) {
            management.close();
        }
    }
}
