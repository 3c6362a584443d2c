package dev.graft.routing.internal.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every route registered for one method and one path shape. The module that registered first
 * owns the slot; its versions serve, highest first. Routes of any other module are conflicts:
 * kept, reported, and promoted only when the owner's routes are all gone.
 *
 * <p>Immutable: the table replaces a slot on every change, so readers never lock.
 */
final class RouteSlot {

    static final RouteSlot EMPTY = new RouteSlot(List.of());

    private final List<RouteEntry> entries; // registration order
    private final List<RouteEntry> serving; // the owner's versions, highest first

    private RouteSlot(List<RouteEntry> entries) {
        this.entries = entries;
        if (entries.isEmpty()) {
            this.serving = List.of();
        } else {
            String owner = entries.get(0).module();
            this.serving = entries.stream()
                    .filter(e -> e.module().equals(owner))
                    .sorted(Comparator.comparing(RouteEntry::version).reversed()
                            .thenComparing(RouteEntry::serviceId))
                    .toList();
        }
    }

    RouteSlot with(RouteEntry entry) {
        List<RouteEntry> next = new ArrayList<>(entries);
        next.add(entry);
        next.sort(Comparator.comparingLong(RouteEntry::serviceId));
        return new RouteSlot(List.copyOf(next));
    }

    RouteSlot without(long serviceId) {
        List<RouteEntry> next = entries.stream().filter(e -> e.serviceId() != serviceId).toList();
        return next.isEmpty() ? EMPTY : new RouteSlot(next);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return the route that serves now: the owner's highest version */
    Optional<RouteEntry> selected() {
        return serving.isEmpty() ? Optional.empty() : Optional.of(serving.get(0));
    }

    List<RouteEntry> serving() {
        return serving;
    }

    /** @return routes of other modules that clash with the owner's */
    List<RouteEntry> conflicts() {
        return entries.stream().filter(e -> !serving.contains(e)).toList();
    }

    List<RouteEntry> entries() {
        return entries;
    }
}
