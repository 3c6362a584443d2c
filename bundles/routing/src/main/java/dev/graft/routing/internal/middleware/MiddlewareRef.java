package dev.graft.routing.internal.middleware;

import dev.graft.api.middleware.Middleware;

/**
 * One middleware service, with what orders it and the paths it runs for.
 *
 * @param owner {@code bsn:version} of the module that registered it
 */
record MiddlewareRef(Middleware middleware, int order, int ranking, long serviceId, String pattern, String owner)
        implements Comparable<MiddlewareRef> {

    boolean matches(String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return path.equals(pattern);
    }

    @Override
    public int compareTo(MiddlewareRef other) {
        if (order != other.order) {
            return Integer.compare(order, other.order);
        }
        if (ranking != other.ranking) {
            return Integer.compare(other.ranking, ranking); // higher ranking first
        }
        return Long.compare(serviceId, other.serviceId);
    }

    @Override
    public String toString() {
        return middleware.getClass().getName() + " of " + owner;
    }
}
