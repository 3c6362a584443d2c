package dev.graft.routing.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private final Watchdog watchdog = new Watchdog();

    @AfterEach
    void close() {
        watchdog.close();
    }

    private static List<Thread> watchdogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("graft-route-watchdog"))
                .toList();
    }

    @Test
    void aCutOffRunsOnTheWatchdogsOwnThreadsNotOnTheCommonPool() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        watchdog.watch(() -> {
            ranOn.set(Thread.currentThread());
            done.countDown();
            return true;
        }, 10);
        assertTrue(done.await(5, TimeUnit.SECONDS), "the cut-off did not run");
        assertTrue(ranOn.get().getName().matches("graft-route-watchdog-\\d+"), "ran on " + ranOn.get().getName());
        assertTrue(ranOn.get().isDaemon());
    }

    @Test
    void aBusyRouteIsCutOffALaterTickAndOnlyOnce() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        watchdog.watch(() -> {
            third.countDown();
            return tries.incrementAndGet() >= 3; // busy twice, then done
        }, 10);
        assertTrue(third.await(5, TimeUnit.SECONDS));
        Thread.sleep(5 * Watchdog.TICK_MILLIS);
        assertEquals(3, tries.get());
    }

    @Test
    void aCutOffBlockedOnASlowClientDoesNotHoldUpTheNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        watchdog.watch(() -> {
            try {
                release.await(10, TimeUnit.SECONDS); // a client that does not read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, 10);
        watchdog.watch(() -> {
            second.countDown();
            return true;
        }, 50);
        try {
            assertTrue(second.await(5, TimeUnit.SECONDS), "the second cut-off waited for the first");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRequestThatFinishedInTimeIsNotCutOff() throws Exception {
        AtomicInteger cutOffs = new AtomicInteger();
        Watchdog.Watch watch = watchdog.watch(() -> cutOffs.incrementAndGet() > 0, 100);
        watchdog.done(watch);
        Thread.sleep(200 + 2 * Watchdog.TICK_MILLIS);
        assertEquals(0, cutOffs.get());
    }

    @Test
    void closeEndsTheWatchdogsThreads() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        watchdog.watch(() -> {
            done.countDown();
            return true;
        }, 10);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(!watchdogThreads().isEmpty());

        watchdog.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!watchdogThreads().isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        assertEquals(List.of(), watchdogThreads());
    }
}
