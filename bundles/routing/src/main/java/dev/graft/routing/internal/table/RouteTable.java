package dev.graft.routing.internal.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Routes by method and path template, in a tree of path segments: a lookup costs one step per
 * segment of the path, whatever the number of routes. Literal segments take precedence over
 * parameters; lookups never lock, changes are serialized. A change costs one step per segment
 * too: adding a child does not copy its siblings, and removing a route prunes the nodes that no
 * longer lead to any route.
 */
public final class RouteTable {

    private static final class Node {
        // a ConcurrentHashMap from the first child on: changed in place under the table's lock,
        // read without locking (each get sees a child entirely added or not at all)
        volatile Map<String, Node> literals = Map.of();
        volatile Node parameter;
        volatile Map<String, RouteSlot> slots = Map.of(); // by method; replaced, never mutated

        /** @return true if no route can be reached through this node */
        boolean leadsNowhere() {
            return slots.isEmpty() && literals.isEmpty() && parameter == null;
        }

        /** @return the slot that can serve (or hold) this method here, HEAD falling back to GET */
        RouteSlot slotFor(String method, long now) {
            Map<String, RouteSlot> current = slots;
            RouteSlot slot = current.get(method);
            if ((slot == null || !slot.isLive(now)) && "HEAD".equals(method)) {
                slot = current.get("GET");
            }
            return slot != null && slot.isLive(now) ? slot : null;
        }
    }

    private final Node root = new Node();
    private volatile long changes; // counts every change, so that a waiting request misses none
    private Set<String> idle = Set.of(); // RouteEntry.moduleHeader() of versions that take no traffic; under the lock

    /**
     * Adds a route; requests waiting for its slot are woken.
     *
     * @return the route that keeps serving if the new one clashes with another module's route
     *     for the same method and path shape; empty if the new route serves or is another version
     *     of the same module
     */
    public synchronized Optional<RouteEntry> add(RouteEntry entry) {
        Node node = root;
        for (String segment : entry.template().segments()) {
            node = PathTemplate.isParameter(segment) ? parameterChild(node) : literalChild(node, segment);
        }
        RouteSlot slot = node.slots.getOrDefault(entry.method(), RouteSlot.EMPTY).with(entry, idle);
        replace(node, entry.method(), slot);
        changed();
        long now = System.nanoTime();
        List<RouteEntry> serving = slot.serving(now);
        return serving.isEmpty() || serving.get(0).module().equals(entry.module()) ? Optional.empty()
                : Optional.of(serving.get(0));
    }

    /**
     * Removes a route; unknown routes are ignored. New requests no longer reach it.
     *
     * @param holdUntilNanos if this was the slot's last route, requests for it wait until then
     *     for a new version (a {@link System#nanoTime()} deadline; 0 for no waiting)
     */
    public synchronized void remove(RouteEntry entry, long holdUntilNanos) {
        List<String> segments = entry.template().segments();
        Node[] path = pathOf(segments);
        Node node = path == null ? null : path[segments.size()];
        RouteSlot slot = node == null ? null : node.slots.get(entry.method());
        if (slot != null) {
            replace(node, entry.method(), slot.without(entry.serviceId(), holdUntilNanos, entry.bundleId(), idle));
            prune(path, segments);
            changed();
        }
    }

    /** Stops holding or waiting for a bundle's routes: the module is not coming back. */
    public synchronized void releaseHolds(long bundleId) {
        release(root, bundleId, idle);
        changed();
    }

    /**
     * Sets the module versions whose routes take no traffic (on standby, or retired); the others
     * serve again. A change costs a walk of the whole table: it happens once per deployment step.
     *
     * @param moduleVersions {@code bsn/version} of each idle version (as {@link RouteEntry#moduleHeader()})
     */
    public synchronized void idle(Set<String> moduleVersions) {
        Set<String> next = Set.copyOf(moduleVersions);
        if (next.equals(idle)) {
            return;
        }
        idle = next;
        forEachNode(root, node -> node.slots.forEach((method, slot) -> replace(node, method, slot.idle(next))));
        changed();
    }

    // @return true if the node leads nowhere afterwards, so that its parent drops it
    private static boolean release(Node node, long bundleId, Set<String> idle) {
        node.slots.forEach((method, slot) -> { // over the map as it was: replace() publishes a new one
            if (slot.waitsFor(bundleId)) {
                replace(node, method, slot.released(bundleId, idle));
            }
        });
        if (!node.literals.isEmpty()) {
            node.literals.values().removeIf(child -> release(child, bundleId, idle));
        }
        Node parameter = node.parameter;
        if (parameter != null && release(parameter, bundleId, idle)) {
            node.parameter = null;
        }
        return node.leadsNowhere();
    }

    /** @return a number that changes with every change of the table; see {@link #awaitChange} */
    public long changes() {
        return changes;
    }

    /**
     * Waits until the table changes after {@code seen} (a value of {@link #changes()} read before
     * the lookup that found nothing yet), or the deadline passes.
     */
    public synchronized void awaitChange(long seen, long deadlineNanos) throws InterruptedException {
        long left;
        while (changes == seen && (left = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void changed() {
        changes++; // under the table's lock: the only writer
        notifyAll();
    }

    /**
     * Finds the routes for a request.
     *
     * @param method the request method, upper case
     * @param path the decoded request path
     */
    public RouteMatch match(String method, String path) {
        List<String> segments = PathTemplate.splitPath(path);
        long now = System.nanoTime();
        RouteSlot slot = find(root, segments, 0, method, now);
        if (slot != null) {
            List<RouteEntry> serving = slot.serving(now);
            if (!serving.isEmpty()) {
                return new RouteMatch.Found(serving, segments, slot.updating(now));
            }
            if (slot.isHeld(now)) {
                return new RouteMatch.Held(slot.holdUntilNanos(now));
            }
        }
        // nothing for this method: the methods that are served on any route matching the path
        TreeSet<String> allowed = new TreeSet<>();
        collectAllowed(root, segments, 0, now, allowed);
        if (allowed.isEmpty()) {
            return new RouteMatch.NotFound();
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return new RouteMatch.MethodNotAllowed(allowed);
    }

    /** @return every route, serving or in conflict, for listings */
    public List<RouteEntry> routes() {
        List<RouteEntry> all = new ArrayList<>();
        forEachNode(root, node -> node.slots.values().forEach(slot -> all.addAll(slot.entries())));
        return all;
    }

    /** @return the routes that are kept out of service because another module owns their method and path */
    public List<RouteEntry> conflicts() {
        List<RouteEntry> all = new ArrayList<>();
        long now = System.nanoTime();
        forEachNode(root, node -> node.slots.values().forEach(slot -> all.addAll(slot.conflicts(now))));
        return all;
    }

    /** @return the versions that serve the method and template of this route (its owner's), highest first */
    public List<RouteEntry> serving(String method, PathTemplate template) {
        Node node = nodeOf(template);
        RouteSlot slot = node == null ? null : node.slots.get(method);
        return slot == null ? List.of() : slot.serving(System.nanoTime());
    }

    /** @return how many nodes the tree has, the root included; for tests of pruning */
    int nodeCount() {
        int[] count = {0};
        forEachNode(root, node -> count[0]++);
        return count[0];
    }

    private Node nodeOf(PathTemplate template) {
        Node node = root;
        for (String segment : template.segments()) {
            node = PathTemplate.isParameter(segment) ? node.parameter : node.literals.get(segment);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    // the nodes from the root to the template's node, or null if it has none
    private Node[] pathOf(List<String> segments) {
        Node[] path = new Node[segments.size() + 1];
        path[0] = root;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            path[i + 1] = PathTemplate.isParameter(segment) ? path[i].parameter : path[i].literals.get(segment);
            if (path[i + 1] == null) {
                return null;
            }
        }
        return path;
    }

    // from the route's node up: detach each node that no longer leads to a route (never the root)
    private static void prune(Node[] path, List<String> segments) {
        for (int i = segments.size(); i > 0 && path[i].leadsNowhere(); i--) {
            String segment = segments.get(i - 1);
            if (PathTemplate.isParameter(segment)) {
                path[i - 1].parameter = null;
            } else {
                path[i - 1].literals.remove(segment);
            }
        }
    }

    private static void replace(Node node, String method, RouteSlot slot) {
        if (node.slots.isEmpty() && slot != RouteSlot.EMPTY) {
            node.slots = Map.of(method, slot); // the usual case: one method per path
            return;
        }
        if (slot == RouteSlot.EMPTY && node.slots.size() == 1 && node.slots.containsKey(method)) {
            node.slots = Map.of();
            return;
        }
        Map<String, RouteSlot> slots = new HashMap<>(node.slots);
        if (slot == RouteSlot.EMPTY) {
            slots.remove(method);
        } else {
            slots.put(method, slot);
        }
        node.slots = Map.copyOf(slots);
    }

    // literal first; on a dead end (no route for this method there), back off and try the parameter
    private static RouteSlot find(Node node, List<String> segments, int index, String method, long now) {
        if (index == segments.size()) {
            return node.slotFor(method, now);
        }
        Node literal = node.literals.get(segments.get(index));
        if (literal != null) {
            RouteSlot found = find(literal, segments, index + 1, method, now);
            if (found != null) {
                return found;
            }
        }
        Node parameter = node.parameter;
        return parameter == null ? null : find(parameter, segments, index + 1, method, now);
    }

    private static void collectAllowed(Node node, List<String> segments, int index, long now, Set<String> into) {
        if (index == segments.size()) {
            node.slots.forEach((method, slot) -> {
                if (slot.isLive(now)) {
                    into.add(method);
                }
            });
            return;
        }
        Node literal = node.literals.get(segments.get(index));
        if (literal != null) {
            collectAllowed(literal, segments, index + 1, now, into);
        }
        Node parameter = node.parameter;
        if (parameter != null) {
            collectAllowed(parameter, segments, index + 1, now, into);
        }
    }

    private static Node literalChild(Node node, String segment) {
        Node child = node.literals.get(segment);
        if (child == null) {
            child = new Node();
            if (!(node.literals instanceof ConcurrentHashMap)) {
                node.literals = new ConcurrentHashMap<>(Map.of(segment, child)); // published whole
            } else {
                node.literals.put(segment, child);
            }
        }
        return child;
    }

    private static Node parameterChild(Node node) {
        if (node.parameter == null) {
            node.parameter = new Node();
        }
        return node.parameter;
    }

    private static void forEachNode(Node node, Consumer<Node> action) {
        action.accept(node);
        node.literals.values().forEach(child -> forEachNode(child, action));
        Node parameter = node.parameter;
        if (parameter != null) {
            forEachNode(parameter, action);
        }
    }
}
