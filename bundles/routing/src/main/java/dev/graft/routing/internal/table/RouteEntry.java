package dev.graft.routing.internal.table;

import dev.graft.api.route.RouteHandler;
import org.osgi.framework.Version;

/**
 * One registered route service: what it answers and which module (bundle symbolic name and
 * version) it comes from.
 *
 * @param serviceId the route service's {@code service.id}; lower means registered earlier
 */
public record RouteEntry(
        String method, PathTemplate template, RouteHandler handler, String module, Version version, long serviceId) {

    /** @return {@code bsn/version}, the value of the {@code Graft-Module} response header */
    public String moduleHeader() {
        return module + "/" + version;
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
