package dev.graft.routing.internal;

import dev.graft.api.route.RouteHandler;
import dev.graft.routing.internal.table.PathTemplate;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteTable;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Follows every {@link RouteHandler} service and keeps the {@link RouteTable} in step: a route is
 * served from the moment its service is registered until it is unregistered.
 */
@Component(service = RouteRegistry.class)
public class RouteRegistry {

    /** Failure code of a route whose method and path another module already serves. */
    public static final String E_ROUTE_CONFLICT = "E_ROUTE_CONFLICT";

    /** Failure code of a route service whose properties cannot be served. */
    public static final String E_ROUTE_INVALID = "E_ROUTE_INVALID";

    private final Logger logger;
    private final RouteTable table = new RouteTable();
    private final Map<Long, RouteEntry> byServiceId = new ConcurrentHashMap<>();

    @Activate
    public RouteRegistry(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
    }

    public RouteTable table() {
        return table;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRoute(RouteHandler handler, ServiceReference<RouteHandler> reference) {
        Bundle bundle = reference.getBundle();
        long serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
        String module = bundle == null ? "?" : bundle.getSymbolicName();
        RouteEntry entry;
        try {
            entry = new RouteEntry(method(reference), PathTemplate.parse(path(reference)), handler,
                    module, bundle == null ? org.osgi.framework.Version.emptyVersion : bundle.getVersion(), serviceId);
        } catch (IllegalArgumentException e) {
            logger.error("{}: ignoring route service {} of {}:{}: {}", E_ROUTE_INVALID, serviceId, module,
                    bundle == null ? "?" : bundle.getVersion(), e.getMessage());
            return;
        }
        byServiceId.put(serviceId, entry);
        table.add(entry).ifPresentOrElse(
                owner -> logger.warn("{}: route {} is not served: {} already serves {} {}", E_ROUTE_CONFLICT,
                        entry, owner.moduleId(), owner.method(), owner.template()),
                () -> logger.info("route added: {}", entry));
    }

    void unbindRoute(ServiceReference<RouteHandler> reference) {
        RouteEntry entry = byServiceId.remove((Long) reference.getProperty(Constants.SERVICE_ID));
        if (entry != null) {
            table.remove(entry);
            logger.info("route removed: {}", entry);
        }
    }

    private static String method(ServiceReference<?> reference) {
        Object method = reference.getProperty(RouteHandler.METHOD);
        String text = method == null ? RouteHandler.DEFAULT_METHOD : method.toString().trim();
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.isLetter(c) || c == '-' || c == '_')) {
            throw new IllegalArgumentException("'" + text + "' is not an HTTP method (" + RouteHandler.METHOD + ")");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    private static String path(ServiceReference<?> reference) {
        Object path = reference.getProperty(RouteHandler.PATH);
        if (path == null) {
            throw new IllegalArgumentException("the service property " + RouteHandler.PATH + " is missing");
        }
        return path.toString();
    }
}
