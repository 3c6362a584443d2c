package dev.graft.routing.internal.select;

import dev.graft.routing.internal.table.RouteEntry;
import java.util.List;

/** Which version serves a request, or why none does. */
public sealed interface Selection {

    /** @param reason why this version, for {@code graft:route-why} */
    record Chosen(RouteEntry route, String reason) implements Selection {}

    /** The version header matched no active version. */
    record NoSuchVersion(String requested, List<String> available) implements Selection {}

    /** The version header could not be read. */
    record BadVersion(String message) implements Selection {}
}
