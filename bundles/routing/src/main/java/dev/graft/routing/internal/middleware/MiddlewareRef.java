package dev.graft.routing.internal.middleware;

import dev.graft.api.middleware.Middleware;
import dev.graft.routing.internal.drain.InFlight;

/**
 * One middleware service, with what orders it and the paths it runs for.
 *
 * @param owner {@code bsn:version} of the module that registered it
 * @param gate whether it is the authentication gate ({@code graft.auth.gate=true}), see MiddlewareRegistry
 */
record MiddlewareRef(Middleware middleware, int order, int ranking, long serviceId, String pattern, String owner,
        boolean gate, InFlight inFlight) implements Comparable<MiddlewareRef> {

    MiddlewareRef(Middleware middleware, int order, int ranking, long serviceId, String pattern, String owner) {
        this(middleware, order, ranking, serviceId, pattern, owner, false);
    }

    MiddlewareRef(Middleware middleware, int order, int ranking, long serviceId, String pattern, String owner,
            boolean gate) {
        this(middleware, order, ranking, serviceId, pattern, owner, gate, new InFlight());
    }

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
