package dev.graft.routing.internal.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Routes by method and path template, in a tree of path segments: a lookup costs one step per
 * segment of the path, whatever the number of routes. Literal segments take precedence over
 * parameters; lookups never lock, changes are serialized.
 */
public final class RouteTable {

    private static final class Node {
        final String shape;
        final Map<String, Node> literals = new ConcurrentHashMap<>();
        volatile Node parameter;
        volatile Map<String, RouteSlot> slots = Map.of(); // by method; replaced, never mutated

        Node(String shape) {
            this.shape = shape;
        }

        boolean hasRoutes() {
            return !slots.isEmpty();
        }
    }

    private final Node root = new Node("/");

    /**
     * Adds a route.
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
        RouteSlot slot = node.slots.getOrDefault(entry.method(), RouteSlot.EMPTY).with(entry);
        Map<String, RouteSlot> slots = new HashMap<>(node.slots);
        slots.put(entry.method(), slot);
        node.slots = Map.copyOf(slots);
        return slot.conflicts().contains(entry) ? slot.selected() : Optional.empty();
    }

    /** Removes a route; unknown routes are ignored. */
    public synchronized void remove(RouteEntry entry) {
        Node node = root;
        for (String segment : entry.template().segments()) {
            node = PathTemplate.isParameter(segment) ? node.parameter : node.literals.get(segment);
            if (node == null) {
                return;
            }
        }
        RouteSlot slot = node.slots.get(entry.method());
        if (slot == null) {
            return;
        }
        RouteSlot remaining = slot.without(entry.serviceId());
        Map<String, RouteSlot> slots = new HashMap<>(node.slots);
        if (remaining.isEmpty()) {
            slots.remove(entry.method());
        } else {
            slots.put(entry.method(), remaining);
        }
        node.slots = Map.copyOf(slots);
    }

    /**
     * Finds the route for a request.
     *
     * @param method the request method, upper case
     * @param path the decoded request path
     */
    public RouteMatch match(String method, String path) {
        List<String> segments = PathTemplate.splitPath(path);
        Node node = find(root, segments, 0);
        if (node == null) {
            return new RouteMatch.NotFound();
        }
        Map<String, RouteSlot> slots = node.slots;
        RouteSlot slot = slots.get(method);
        if (slot == null && "HEAD".equals(method)) {
            slot = slots.get("GET");
        }
        Optional<RouteEntry> selected = slot == null ? Optional.empty() : slot.selected();
        if (selected.isPresent()) {
            RouteEntry route = selected.get();
            return new RouteMatch.Found(route, route.template().parameters(segments));
        }
        TreeSet<String> allowed = new TreeSet<>(slots.keySet());
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return new RouteMatch.MethodNotAllowed(allowed);
    }

    /** @return every route, serving or in conflict, for listings */
    public List<RouteEntry> routes() {
        List<RouteEntry> all = new ArrayList<>();
        forEachSlot(root, slot -> all.addAll(slot.entries()));
        return all;
    }

    /** @return the routes that are kept out of service because another module owns their method and path */
    public List<RouteEntry> conflicts() {
        List<RouteEntry> all = new ArrayList<>();
        forEachSlot(root, slot -> all.addAll(slot.conflicts()));
        return all;
    }

    // literal first; on a dead end, back off and try the parameter branch
    private static Node find(Node node, List<String> segments, int index) {
        if (index == segments.size()) {
            return node.hasRoutes() ? node : null;
        }
        Node literal = node.literals.get(segments.get(index));
        if (literal != null) {
            Node found = find(literal, segments, index + 1);
            if (found != null) {
                return found;
            }
        }
        Node parameter = node.parameter;
        return parameter == null ? null : find(parameter, segments, index + 1);
    }

    private static Node literalChild(Node node, String segment) {
        return node.literals.computeIfAbsent(segment, s -> new Node(childShape(node, s)));
    }

    private static Node parameterChild(Node node) {
        if (node.parameter == null) {
            node.parameter = new Node(childShape(node, "{}"));
        }
        return node.parameter;
    }

    private static String childShape(Node parent, String segment) {
        return ("/".equals(parent.shape) ? "" : parent.shape) + "/" + segment;
    }

    private static void forEachSlot(Node node, Consumer<RouteSlot> action) {
        node.slots.values().forEach(action);
        node.literals.values().forEach(child -> forEachSlot(child, action));
        Node parameter = node.parameter;
        if (parameter != null) {
            forEachSlot(parameter, action);
        }
    }
}
