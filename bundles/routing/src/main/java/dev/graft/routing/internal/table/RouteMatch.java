package dev.graft.routing.internal.table;

import java.util.List;
import java.util.SortedSet;

/** The outcome of looking a request up in the {@link RouteTable}. */
public sealed interface RouteMatch {

    /**
     * Routes serve this method and path.
     *
     * @param candidates the versions of the owning module, highest first
     * @param pathSegments the request path's segments, for {@link PathTemplate#parameters}
     * @param updatingUntilNanos while another version of the module is being updated, until when a
     *     request for a version none of the candidates matches waits for it; 0 when none is
     */
    record Found(List<RouteEntry> candidates, List<String> pathSegments, long updatingUntilNanos) implements RouteMatch {}

    /** The route is being replaced (its module is updating): wait for it until the deadline. */
    record Held(long untilNanos) implements RouteMatch {}

    /** Routes exist for the path, but not for the method. */
    record MethodNotAllowed(SortedSet<String> allowed) implements RouteMatch {}

    /** No route exists for the path. */
    record NotFound() implements RouteMatch {}
}
