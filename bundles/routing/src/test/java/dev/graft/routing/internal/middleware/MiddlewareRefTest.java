package dev.graft.routing.internal.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.middleware.Middleware;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiddlewareRefTest {

    private static final Middleware NOOP = (exchange, chain) -> chain.proceed();

    private static MiddlewareRef ref(int order, int ranking, long id, String pattern) {
        return new MiddlewareRef(NOOP, order, ranking, id, pattern, "m:1.0.0");
    }

    @Test
    void orderThenHighestRankingThenRegistration() {
        MiddlewareRef a = ref(10, 0, 5, "/*");
        MiddlewareRef b = ref(5, 0, 6, "/*");
        MiddlewareRef c = ref(10, 100, 7, "/*");
        MiddlewareRef d = ref(10, 0, 4, "/*");
        List<MiddlewareRef> chain = new ArrayList<>(List.of(a, b, c, d));
        chain.sort(null);
        assertEquals(List.of(b, c, d, a), chain);
    }

    @Test
    void patternsMatchExactPrefixOrAll() {
        assertTrue(ref(0, 0, 1, "/*").matches("/anything/at/all"));
        assertTrue(ref(0, 0, 1, "/api/*").matches("/api"));
        assertTrue(ref(0, 0, 1, "/api/*").matches("/api/users"));
        assertFalse(ref(0, 0, 1, "/api/*").matches("/apiary"));
        assertTrue(ref(0, 0, 1, "/hello").matches("/hello"));
        assertFalse(ref(0, 0, 1, "/hello").matches("/hello/x"));
    }
}
