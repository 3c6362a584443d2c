package dev.graft.routing.internal.table;

import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteInfo;
import dev.graft.routing.internal.drain.InFlight;
import dev.graft.routing.internal.traffic.Outcomes;
import java.util.Map;
import org.osgi.framework.Version;

/**
 * One registered route service: what it answers, which module (bundle symbolic name and version)
 * it comes from, the requests inside it and what it answered.
 *
 * @param serviceId the route service's {@code service.id}; lower means registered earlier
 * @param bundleId the id of the module's bundle
 * @param info the route as middleware sees it, with the service's properties
 */
public record RouteEntry(String method, PathTemplate template, RouteHandler handler, String module,
        Version version, long serviceId, long bundleId, InFlight inFlight, Outcomes outcomes, String moduleHeader, RouteInfo info) {

    /** A route with no service properties beyond method and path. */
    public RouteEntry(String method, PathTemplate template, RouteHandler handler, String module,
            Version version, long serviceId, long bundleId) {
        this(method, template, handler, module, version, serviceId, bundleId, Map.of());
    }

    /** {@code moduleHeader} is {@code bsn/version}, the value of the {@code Graft-Module} response header. */
    public RouteEntry(String method, PathTemplate template, RouteHandler handler, String module,
            Version version, long serviceId, long bundleId, Map<String, Object> properties) {
        this(method, template, handler, module, version, serviceId, bundleId, new InFlight(), new Outcomes(),
                module + "/" + version,
                new Info(method, template.toString(), module, version, Map.copyOf(properties)));
    }

    private record Info(String method, String template, String module, Version version,
            Map<String, Object> properties) implements RouteInfo {}

    /** @return {@code bsn:version}, how log lines name the module */
    public String moduleId() {
        return module + ":" + version;
    }

    @Override
    public String toString() {
        return method + " " + template + " (" + moduleId() + ", service " + serviceId + ")";
    }
}
