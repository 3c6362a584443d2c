package dev.graft.routing.internal.table;

import java.util.Map;
import java.util.SortedSet;

/** The outcome of looking a request up in the {@link RouteTable}. */
public sealed interface RouteMatch {

    /** A route serves this method and path. */
    record Found(RouteEntry route, Map<String, String> parameters) implements RouteMatch {}

    /** Routes exist for the path, but not for the method. */
    record MethodNotAllowed(SortedSet<String> allowed) implements RouteMatch {}

    /** No route exists for the path. */
    record NotFound() implements RouteMatch {}
}
