package dev.graft.metrics.internal.http;

import java.util.function.Function;

/**
 * A map from objects, by identity, to values, for the request path: a lookup is a few array reads,
 * no allocation, no lock and no {@code hashCode()} of the key (a route's {@code RouteInfo} is a
 * record whose hash walks its properties). Misses copy the table under a lock. Bounded: when it
 * holds {@code capacity} keys it starts empty again, so keys of routes long gone are not kept; the
 * values are recreated on the next miss.
 */
final class IdentityCache<K, V> {

    private record Table(Object[] keys, Object[] values, int size) {}

    private final int capacity;
    private volatile Table table;

    IdentityCache(int capacity) {
        this.capacity = capacity;
        this.table = empty();
    }

    private Table empty() {
        int length = Integer.highestOneBit(capacity * 2 - 1) << 1; // at most half full
        return new Table(new Object[length], new Object[length], 0);
    }

    @SuppressWarnings("unchecked")
    V get(K key, Function<K, V> create) {
        Table t = table;
        Object[] keys = t.keys;
        int mask = keys.length - 1;
        for (int i = System.identityHashCode(key) & mask; ; i = (i + 1) & mask) {
            Object k = keys[i];
            if (k == key) {
                return (V) t.values[i];
            }
            if (k == null) {
                return miss(key, create);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized V miss(K key, Function<K, V> create) {
        Table t = table;
        int mask = t.keys.length - 1;
        int i = System.identityHashCode(key) & mask;
        for (; t.keys[i] != null; i = (i + 1) & mask) {
            if (t.keys[i] == key) {
                return (V) t.values[i]; // another thread added it
            }
        }
        V value = create.apply(key);
        if (t.size + 1 >= capacity) {
            t = empty();
            mask = t.keys.length - 1;
            i = System.identityHashCode(key) & mask;
        }
        Object[] keys = t.keys.clone();
        Object[] values = t.values.clone();
        keys[i] = key;
        values[i] = value;
        table = new Table(keys, values, t.size + 1);
        return value;
    }

    int size() {
        return table.size;
    }
}
