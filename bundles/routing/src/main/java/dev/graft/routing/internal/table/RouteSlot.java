package dev.graft.routing.internal.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every route registered for one method and one path shape. One module owns the slot — the first
 * to register, for as long as any of its routes remain — and its versions serve, highest first.
 * Routes of any other module are conflicts: kept, reported, and promoted only when the owner's
 * routes are all gone; then the first-registered remaining module owns the slot.
 *
 * <p>A version of the owner withdrawn because its module is being updated is remembered as
 * <em>updating</em> until a deadline (or until its bundle registers again). While others serve,
 * only a request that the updating version alone matched waits for its successor. When it was
 * the owner's last version, the slot is <em>held</em>: every request waits for the new version
 * instead of failing, and no other module takes the slot over meanwhile.
 *
 * <p>Versions the deployment manager keeps <em>idle</em> (on standby, or retired) are listed but
 * never serve, as owner or successor.
 *
 * <p>Immutable: the table replaces a slot on every change, so readers never lock.
 */
final class RouteSlot {

    static final RouteSlot EMPTY = new RouteSlot(List.of(), null, Map.of(), Set.of());

    private final List<RouteEntry> entries; // registration order
    private final String owner;
    private final List<RouteEntry> serving; // the owner's versions, highest first
    private final List<RouteEntry> successor; // who serves if a hold runs out: the next module's versions
    private final Map<Long, RouteMatch.Updating> updating; // by the bundle id of an owner's version being updated
    private final Set<String> idle; // RouteEntry.moduleHeader() of the versions kept idle

    private RouteSlot(List<RouteEntry> entries, String owner, Map<Long, RouteMatch.Updating> updating, Set<String> idle) {
        this.entries = entries;
        this.owner = owner;
        this.updating = updating;
        this.idle = idle;
        this.serving = versionsOf(entries, owner, idle);
        this.successor = serving.isEmpty() && !entries.isEmpty()
                ? versionsOf(entries, entries.get(0).module(), idle) : List.of();
    }

    // the module's versions that may serve, highest first; idle is keyed by RouteEntry.moduleHeader()
    private static List<RouteEntry> versionsOf(List<RouteEntry> entries, String module, Set<String> idle) {
        if (entries.size() == 1) { // by far the most common slot: no stream to build
            RouteEntry only = entries.get(0);
            return only.module().equals(module) && !idle.contains(only.moduleHeader()) ? entries : List.of();
        }
        return entries.stream()
                .filter(e -> e.module().equals(module) && !idle.contains(e.moduleHeader()))
                .sorted(Comparator.comparing(RouteEntry::version).reversed().thenComparing(RouteEntry::serviceId))
                .toList();
    }

    /**
     * The slot after a change. Updates past their deadline are dropped first, so that they cannot
     * keep a module that is gone as the owner; the owner then stays while any of its routes remain
     * or one of its versions is still awaited, else the first-registered remaining module owns.
     */
    private static RouteSlot of(List<RouteEntry> entries, String owner, Map<Long, RouteMatch.Updating> updating,
            Set<String> idle, long now) {
        Map<Long, RouteMatch.Updating> live = liveOnly(updating, now);
        if (entries.isEmpty() && live.isEmpty()) {
            return EMPTY;
        }
        boolean ownerStays = owner != null
                && (!live.isEmpty() || entries.stream().anyMatch(e -> e.module().equals(owner)));
        return new RouteSlot(entries, ownerStays ? owner : entries.get(0).module(), live, idle);
    }

    /** A route is added; if its bundle was being updated, that update is over. */
    RouteSlot with(RouteEntry entry, Set<String> idle) {
        if (this == EMPTY) {
            return new RouteSlot(List.of(entry), entry.module(), Map.of(), idle);
        }
        List<RouteEntry> next = new ArrayList<>(entries);
        next.add(entry);
        next.sort(Comparator.comparingLong(RouteEntry::serviceId));
        return of(List.copyOf(next), owner, withoutKey(updating, entry.bundleId()), idle, System.nanoTime());
    }

    /**
     * A route is withdrawn.
     *
     * @param holdUntilNanos if its module is being updated: until when its successor is awaited
     *     (0: it is not coming back); if it was the owner's last version, the slot is held until then
     * @param bundleId the bundle of the route
     */
    RouteSlot without(long serviceId, long holdUntilNanos, long bundleId, Set<String> idle) {
        if (holdUntilNanos == 0 && updating.isEmpty() && entries.size() == 1 && entries.get(0).serviceId() == serviceId) {
            return EMPTY; // the usual removal: the slot's only route, nothing to wait for
        }
        List<RouteEntry> next = entries.stream().filter(e -> e.serviceId() != serviceId).toList();
        RouteEntry removed = entries.stream().filter(e -> e.serviceId() == serviceId).findFirst().orElse(null);
        Map<Long, RouteMatch.Updating> nextUpdating = updating;
        if (holdUntilNanos != 0 && removed != null && removed.module().equals(owner)) {
            Map<Long, RouteMatch.Updating> changed = new HashMap<>(updating);
            changed.put(bundleId, new RouteMatch.Updating(removed.version(), holdUntilNanos));
            nextUpdating = changed;
        }
        return of(next, owner, nextUpdating, idle, System.nanoTime());
    }

    /**
     * The module of this bundle is not coming back: no more waiting for it; if it held the slot,
     * the next module takes over.
     */
    RouteSlot released(long bundleId, Set<String> idle) {
        return of(entries, owner, withoutKey(updating, bundleId), idle, System.nanoTime());
    }

    /** The same routes with another set of idle versions. */
    RouteSlot idle(Set<String> idle) {
        return this == EMPTY ? EMPTY : of(entries, owner, updating, idle, System.nanoTime());
    }

    /** @return true if an update of this bundle is awaited here */
    boolean waitsFor(long bundleId) {
        return updating.containsKey(bundleId);
    }

    /** @return the owner's versions being updated whose deadline has not passed, usually none */
    List<RouteMatch.Updating> updating(long now) {
        if (updating.isEmpty()) {
            return List.of();
        }
        return updating.values().stream().filter(u -> now - u.untilNanos() < 0).toList();
    }

    private static boolean anyLive(Map<Long, RouteMatch.Updating> updating, long now) {
        return updating.values().stream().anyMatch(u -> now - u.untilNanos() < 0);
    }

    private static Map<Long, RouteMatch.Updating> liveOnly(Map<Long, RouteMatch.Updating> updating, long now) {
        if (updating.isEmpty()) {
            return Map.of();
        }
        Map<Long, RouteMatch.Updating> live = new HashMap<>(updating);
        live.values().removeIf(u -> now - u.untilNanos() >= 0);
        return Map.copyOf(live);
    }

    private static <V> Map<Long, V> withoutKey(Map<Long, V> map, long key) {
        if (!map.containsKey(key)) {
            return map;
        }
        Map<Long, V> next = new HashMap<>(map);
        next.remove(key);
        return next; // made immutable by of()
    }

    /** @return true if a request could be served or held here */
    boolean isLive(long now) {
        return !serving.isEmpty() || isHeld(now) || !successor.isEmpty();
    }

    /** @return true if none of the owner's versions serves and one is being updated: requests wait */
    boolean isHeld(long now) {
        return serving.isEmpty() && anyLive(updating, now);
    }

    /** @return the latest deadline among the owner's versions being updated; 0 if none */
    long holdUntilNanos(long now) {
        long until = 0;
        for (RouteMatch.Updating each : updating(now)) {
            if (until == 0 || each.untilNanos() - until > 0) {
                until = each.untilNanos();
            }
        }
        return until;
    }

    /** @return the versions that serve now, highest first: the owner's, or after a hold ran out, the next module's */
    List<RouteEntry> serving(long now) {
        if (!serving.isEmpty() || isHeld(now)) {
            return serving;
        }
        return successor;
    }

    /**
     * @return routes that do not serve because another module owns the slot; not the idle ones (on
     *     standby or retired), which do not serve because the deployment manager says so
     */
    List<RouteEntry> conflicts(long now) {
        List<RouteEntry> active = serving(now);
        return entries.stream().filter(e -> !active.contains(e) && !idle.contains(e.moduleHeader())).toList();
    }

    List<RouteEntry> entries() {
        return entries;
    }
}
