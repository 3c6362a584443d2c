package dev.graft.auth.internal.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketAllowsItsBurstThenRefillsAtTheRate() {
        RateLimiter limiter = new RateLimiter();
        long t = 0;
        assertEquals(0, limiter.acquire("a", 2, 3, t));
        assertEquals(0, limiter.acquire("a", 2, 3, t));
        assertEquals(0, limiter.acquire("a", 2, 3, t));
        long wait = limiter.acquire("a", 2, 3, t);
        assertEquals(SECOND / 2, wait, 1000);
        assertEquals(0, limiter.acquire("b", 2, 3, t), "another key has its own bucket");
        assertEquals(0, limiter.acquire("a", 2, 3, t + SECOND / 2));
        assertTrue(limiter.acquire("a", 2, 3, t + SECOND / 2) > 0);
        assertEquals(0, limiter.acquire("a", 0, 1, t), "rate 0: no limit");
    }

    @Test
    void concurrentRequestsNeverTakeMoreThanTheBucketHolds() throws Exception {
        RateLimiter limiter = new RateLimiter();
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8_000; i++) {
            pool.execute(() -> {
                if (limiter.acquire("k", 0.001, 100, 42) == 0) {
                    allowed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(100, allowed.get());
    }
}
