package dev.graft.routing.internal.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route registered for one method and one path shape. One module owns the slot — the first
 * to register, for as long as any of its routes remain — and its versions serve, highest first.
 * Routes of any other module are conflicts: kept, reported, and promoted only when the owner's
 * routes are all gone.
 *
 * <p>When the owner's last route is withdrawn while its module is being updated, the slot is
 * <em>held</em> for it until a deadline: requests wait for the new version instead of failing,
 * and no other module takes the slot over meanwhile. When one of several versions is withdrawn
 * for an update, the others serve on, and the slot remembers until the deadline that a version is
 * <em>updating</em>: a request that only the updating version matched waits for its successor.
 *
 * <p>Immutable: the table replaces a slot on every change, so readers never lock.
 */
final class RouteSlot {

    static final RouteSlot EMPTY = new RouteSlot(List.of(), null, 0, -1, Map.of());

    private final List<RouteEntry> entries; // registration order
    private final String owner;
    private final List<RouteEntry> serving; // the owner's versions, highest first
    private final List<RouteEntry> successor; // who serves if a hold runs out: the next module's versions
    private final long holdUntilNanos;
    private final long heldBundleId;
    private final Map<Long, RouteMatch.Updating> updating; // by the bundle id of an owner's version being updated

    private RouteSlot(List<RouteEntry> entries, String owner, long holdUntilNanos, long heldBundleId,
            Map<Long, RouteMatch.Updating> updating) {
        this.entries = entries;
        this.owner = owner;
        this.holdUntilNanos = holdUntilNanos;
        this.heldBundleId = heldBundleId;
        this.updating = updating;
        this.serving = versionsOf(entries, owner);
        this.successor = serving.isEmpty() && !entries.isEmpty() ? versionsOf(entries, entries.get(0).module()) : List.of();
    }

    private static List<RouteEntry> versionsOf(List<RouteEntry> entries, String module) {
        return entries.stream()
                .filter(e -> e.module().equals(module))
                .sorted(Comparator.comparing(RouteEntry::version).reversed().thenComparing(RouteEntry::serviceId))
                .toList();
    }

    RouteSlot with(RouteEntry entry) {
        List<RouteEntry> next = new ArrayList<>(entries);
        next.add(entry);
        next.sort(Comparator.comparingLong(RouteEntry::serviceId));
        boolean held = holdUntilNanos != 0 && System.nanoTime() - holdUntilNanos < 0;
        String nextOwner = owner == null || (!held && serving.isEmpty()) ? entry.module() : owner;
        // the held module is back: no more holding
        boolean keepHold = held && !entry.module().equals(owner);
        return new RouteSlot(List.copyOf(next), nextOwner, keepHold ? holdUntilNanos : 0, keepHold ? heldBundleId : -1,
                withoutKey(updating, entry.bundleId()));
    }

    /** @param holdUntilNanos if the owner's last route goes, hold the slot for it until then (0: do not hold) */
    RouteSlot without(long serviceId, long holdUntilNanos, long bundleId) {
        List<RouteEntry> next = entries.stream().filter(e -> e.serviceId() != serviceId).toList();
        boolean ownerRemains = next.stream().anyMatch(e -> e.module().equals(owner));
        if (ownerRemains) {
            Map<Long, RouteMatch.Updating> nextUpdating = updating;
            RouteEntry removed = entries.stream().filter(e -> e.serviceId() == serviceId).findFirst().orElse(null);
            if (holdUntilNanos != 0 && removed != null && removed.module().equals(owner)) {
                Map<Long, RouteMatch.Updating> changed = new HashMap<>(updating);
                changed.put(bundleId, new RouteMatch.Updating(removed.version(), holdUntilNanos));
                nextUpdating = Map.copyOf(changed);
            }
            return new RouteSlot(next, owner, this.holdUntilNanos, this.heldBundleId, nextUpdating);
        }
        if (holdUntilNanos != 0) {
            return new RouteSlot(next, owner, holdUntilNanos, bundleId, Map.of());
        }
        return next.isEmpty() ? EMPTY : new RouteSlot(next, next.get(0).module(), 0, -1, Map.of());
    }

    /** The module of this bundle is not coming back: no more holding or waiting for it. */
    RouteSlot released(long bundleId) {
        if (heldBundleId == bundleId) {
            return entries.isEmpty() ? EMPTY : new RouteSlot(entries, entries.get(0).module(), 0, -1, Map.of());
        }
        return new RouteSlot(entries, owner, holdUntilNanos, heldBundleId, withoutKey(updating, bundleId));
    }

    /** @return true if a hold or an update of this bundle is pending here */
    boolean waitsFor(long bundleId) {
        return heldBundleId == bundleId || updating.containsKey(bundleId);
    }

    /** @return the owner's versions being updated whose deadline has not passed, usually none */
    List<RouteMatch.Updating> updating(long now) {
        if (updating.isEmpty()) {
            return List.of();
        }
        return updating.values().stream().filter(u -> now - u.untilNanos() < 0).toList();
    }

    private static <V> Map<Long, V> withoutKey(Map<Long, V> map, long key) {
        if (!map.containsKey(key)) {
            return map;
        }
        Map<Long, V> next = new HashMap<>(map);
        next.remove(key);
        return Map.copyOf(next);
    }

    /** @return true if a request could be served or held here */
    boolean isLive(long now) {
        return !serving.isEmpty() || isHeld(now) || !successor.isEmpty();
    }

    boolean isHeld(long now) {
        return serving.isEmpty() && holdUntilNanos != 0 && now - holdUntilNanos < 0;
    }

    long holdUntilNanos() {
        return holdUntilNanos;
    }

    /** @return the versions that serve now, highest first: the owner's, or after a hold ran out, the next module's */
    List<RouteEntry> serving(long now) {
        if (!serving.isEmpty() || isHeld(now)) {
            return serving;
        }
        return successor;
    }

    /** @return routes that do not serve because another module owns the slot */
    List<RouteEntry> conflicts(long now) {
        List<RouteEntry> active = serving(now);
        return entries.stream().filter(e -> !active.contains(e)).toList();
    }

    List<RouteEntry> entries() {
        return entries;
    }
}
