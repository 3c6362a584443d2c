package dev.graft.routing.internal.dispatch;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A request's attributes: set by middleware, read by later middleware and the route. */
final class Attributes {

    private Map<String, Object> values; // most requests carry none: made on the first set

    synchronized Optional<Object> get(String name) {
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(name));
    }

    synchronized void set(String name, Object value) {
        if (value == null) {
            if (values != null) {
                values.remove(name);
            }
            return;
        }
        if (values == null) {
            values = new HashMap<>(4);
        }
        values.put(name, value);
    }
}
