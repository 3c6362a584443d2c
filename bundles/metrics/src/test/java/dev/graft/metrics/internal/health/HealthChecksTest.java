package dev.graft.metrics.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.health.CheckResultDTO;
import dev.graft.api.health.HealthCheck;
import dev.graft.api.health.HealthResult;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HealthChecks runner = new HealthChecks(threads);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aHangingCheckTimesOutAndIsNotStartedAgainWhileItHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        HealthCheck hanging = () -> {
            calls.incrementAndGet();
            release.await();
            return HealthResult.healthy("late");
        };
        HealthCheck fine = () -> HealthResult.healthy("ok");
        List<HealthChecks.Registered> checks = List.of(new HealthChecks.Registered(hanging, "hangs", "m:1", 100),
                new HealthChecks.Registered(fine, "fine", "m:1", 100));
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            List<CheckResultDTO> results = runner.run(checks);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 1000, millis + " ms");
            assertFalse(results.get(0).healthy);
            assertEquals("timed out after 100 ms", results.get(0).message);
            assertTrue(results.get(1).healthy);
        }
        assertEquals(1, calls.get());
        release.countDown();
        Thread.sleep(50);
        assertTrue(runner.run(checks).get(0).healthy);
    }

    @Test
    void anExceptionIsUnhealthyWithItsMessage() {
        HealthCheck throwing = () -> {
            throw new IllegalStateException("no database");
        };
        CheckResultDTO result = runner.run(List.of(new HealthChecks.Registered(throwing, "db", "m:1", 500))).get(0);
        assertFalse(result.healthy);
        assertEquals("IllegalStateException: no database", result.message);
    }
}
