package dev.graft.routing.internal.dispatch;

import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.table.RouteMatch;
import dev.graft.routing.internal.table.RouteTable;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The one servlet Graft puts on the Servlet Whiteboard: every request is looked up in the route
 * table and handed to the module that serves it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("graft-dispatcher")
@HttpWhiteboardServletPattern("/*")
public class DispatcherServlet extends HttpServlet {

    /** Response header naming the module that served: {@code <bundle-symbolic-name>/<bundle-version>}. */
    public static final String MODULE_HEADER = "Graft-Module";

    private static final long serialVersionUID = 1L;

    private final transient RouteTable table;
    private final transient Logger logger;

    @Activate
    public DispatcherServlet(@Reference RouteRegistry registry,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this(registry.table(), logger);
    }

    DispatcherServlet(RouteTable table, Logger logger) {
        this.table = table;
        this.logger = logger;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = path(request);
        RouteMatch match = table.match(method, path);
        if (match instanceof RouteMatch.Found found) {
            serve(found, request, response, method, path);
        } else if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            response.setHeader("Allow", String.join(", ", notAllowed.allowed()));
            error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "E_METHOD_NOT_ALLOWED",
                    method + " is not allowed on " + path + "; allowed: " + String.join(", ", notAllowed.allowed()), null);
        } else {
            error(response, HttpServletResponse.SC_NOT_FOUND, "E_NO_ROUTE", "no route for " + method + " " + path, null);
        }
    }

    private void serve(RouteMatch.Found found, HttpServletRequest request, HttpServletResponse response,
            String method, String path) throws IOException {
        var route = found.route();
        response.setHeader(MODULE_HEADER, route.moduleHeader());
        try {
            route.handler().handle(new ServletRouteRequest(request, method, path, found.parameters()),
                    new ServletRouteResponse(response));
        } catch (Exception | LinkageError e) {
            // LinkageError too: a module refreshed under a running request must not take the server down
            logger.error("route {} {} of {} failed: {}", route.method(), route.template(), route.moduleId(), e.toString(), e);
            if (!response.isCommitted()) {
                response.reset();
                response.setHeader(MODULE_HEADER, route.moduleHeader());
                error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "E_ROUTE_FAILED",
                        "route " + route.method() + " " + route.template() + " failed: " + e, route.moduleHeader());
            }
        }
    }

    private static String path(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null || path.isEmpty() ? "/" : path;
    }

    static void error(HttpServletResponse response, int status, String code, String message, String module)
            throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (module != null) {
            body.put("module", module);
        }
        byte[] bytes = JsonText.object(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
