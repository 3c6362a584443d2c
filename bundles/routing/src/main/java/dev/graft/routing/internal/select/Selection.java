package dev.graft.routing.internal.select;

import dev.graft.routing.internal.table.RouteEntry;
import java.util.List;
import java.util.function.Supplier;

/** Which version serves a request, or why none does. */
public sealed interface Selection {

    /**
     * @param why builds the reason this version was chosen; called only when someone asks
     *     ({@code graft:routewhy}), so that serving a request builds no text
     */
    record Chosen(RouteEntry route, Supplier<String> why) implements Selection {

        public Chosen(RouteEntry route, String reason) {
            this(route, () -> reason);
        }

        /** @return why this version, for {@code graft:routewhy} */
        public String reason() {
            return why.get();
        }
    }

    /** The version header matched no active version. */
    record NoSuchVersion(String requested, List<String> available) implements Selection {}

    /** The version header could not be read. */
    record BadVersion(String message) implements Selection {}
}
