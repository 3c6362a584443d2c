package dev.graft.routing.internal.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every route registered for one method and one path shape. The module that registered first
 * owns the slot; its versions serve, highest first. Routes of any other module are conflicts:
 * kept, reported, and promoted only when the owner's routes are all gone.
 *
 * <p>A slot whose last route was withdrawn while its module was being updated is <em>held</em>
 * until a deadline: requests wait for the new version instead of failing.
 *
 * <p>Immutable: the table replaces a slot on every change, so readers never lock.
 */
final class RouteSlot {

    static final RouteSlot EMPTY = new RouteSlot(List.of(), 0, -1);

    private final List<RouteEntry> entries; // registration order
    private final List<RouteEntry> serving; // the owner's versions, highest first
    private final long holdUntilNanos;
    private final long heldBundleId;

    private RouteSlot(List<RouteEntry> entries, long holdUntilNanos, long heldBundleId) {
        this.entries = entries;
        this.holdUntilNanos = holdUntilNanos;
        this.heldBundleId = heldBundleId;
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
        return new RouteSlot(List.copyOf(next), 0, -1); // a route is back: no more holding
    }

    /** @param holdUntilNanos if the slot is left empty, hold it until then (0: do not hold) */
    RouteSlot without(long serviceId, long holdUntilNanos, long bundleId) {
        List<RouteEntry> next = entries.stream().filter(e -> e.serviceId() != serviceId).toList();
        if (next.isEmpty()) {
            return holdUntilNanos == 0 ? EMPTY : new RouteSlot(List.of(), holdUntilNanos, bundleId);
        }
        return new RouteSlot(next, 0, -1);
    }

    RouteSlot released() {
        return entries.isEmpty() ? EMPTY : this;
    }

    boolean isEmpty() {
        return entries.isEmpty() && !isHeld(System.nanoTime());
    }

    boolean isHeld(long now) {
        return entries.isEmpty() && holdUntilNanos != 0 && now - holdUntilNanos < 0;
    }

    long holdUntilNanos() {
        return holdUntilNanos;
    }

    long heldBundleId() {
        return heldBundleId;
    }

    /** @return the owner's versions, highest first */
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
