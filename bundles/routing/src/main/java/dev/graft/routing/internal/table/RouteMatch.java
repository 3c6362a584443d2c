package dev.graft.routing.internal.table;

import java.util.List;
import java.util.SortedSet;
import org.osgi.framework.Version;

/** The outcome of looking a request up in the {@link RouteTable}. */
public sealed interface RouteMatch {

    /**
     * Routes serve this method and path.
     *
     * @param candidates the versions of the owning module, highest first
     * @param pathSegments the request path's segments, for {@link PathTemplate#parameters}
     * @param updating the module's versions being updated meanwhile (their routes withdrawn, their
     *     return awaited); usually none
     */
    record Found(List<RouteEntry> candidates, List<String> pathSegments, List<Updating> updating) implements RouteMatch {}

    /**
     * A version of the route's module that is being updated: a request that only it matched may
     * wait for its successor until the deadline.
     *
     * @param version the version that was withdrawn
     * @param untilNanos the deadline, a {@link System#nanoTime()} value
     */
    record Updating(Version version, long untilNanos) {}

    /** The route is being replaced (its module is updating): wait for it until the deadline. */
    record Held(long untilNanos) implements RouteMatch {}

    /** Routes exist for the path, but not for the method. */
    record MethodNotAllowed(SortedSet<String> allowed) implements RouteMatch {}

    /** No route exists for the path. */
    record NotFound() implements RouteMatch {}
}
