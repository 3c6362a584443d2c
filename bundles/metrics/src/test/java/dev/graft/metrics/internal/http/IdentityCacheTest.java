package dev.graft.metrics.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityCacheTest {

    @Test
    void createsOncePerKeyByIdentity() {
        IdentityCache<String, Integer> cache = new IdentityCache<>(16);
        AtomicInteger created = new AtomicInteger();
        String a = new String("route");
        String b = new String("route"); // equal, not identical: a key of its own
        Integer first = cache.get(a, k -> created.incrementAndGet());
        assertSame(first, cache.get(a, k -> created.incrementAndGet()));
        assertEquals(2, cache.get(b, k -> created.incrementAndGet()));
        assertEquals(2, created.get());
        assertEquals(2, cache.size());
    }

    @Test
    void startsEmptyAgainWhenFullSoOldKeysAreNotKept() {
        IdentityCache<Object, Object> cache = new IdentityCache<>(8);
        for (int i = 0; i < 100; i++) {
            Object key = new Object();
            assertSame(key, cache.get(key, k -> k));
            assertSame(key, cache.get(key, k -> new Object()));
        }
        assertEquals(true, cache.size() < 8, "size " + cache.size());
    }
}
