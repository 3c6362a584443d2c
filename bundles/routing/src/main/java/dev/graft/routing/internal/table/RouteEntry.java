package dev.graft.routing.internal.table;

import dev.graft.api.route.RouteHandler;
import dev.graft.routing.internal.drain.InFlight;
import org.osgi.framework.Version;

/**
 * One registered route service: what it answers, which module (bundle symbolic name and version)
 * it comes from, and the requests inside it.
 *
 * @param serviceId the route service's {@code service.id}; lower means registered earlier
 * @param bundleId the id of the module's bundle
 */
public record RouteEntry(String method, PathTemplate template, RouteHandler handler, String module,
        Version version, long serviceId, long bundleId, InFlight inFlight, String moduleHeader) {

    /** {@code moduleHeader} is {@code bsn/version}, the value of the {@code Graft-Module} response header. */
    public RouteEntry(String method, PathTemplate template, RouteHandler handler, String module,
            Version version, long serviceId, long bundleId) {
        this(method, template, handler, module, version, serviceId, bundleId, new InFlight(), module + "/" + version);
    }

    /** @return {@code bsn:version}, how log lines name the module */
    public String moduleId() {
        return module + ":" + version;
    }

    @Override
    public String toString() {
        return method + " " + template + " (" + moduleId() + ", service " + serviceId + ")";
    }
}
