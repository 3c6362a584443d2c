package dev.graft.routing.internal.hold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.routing.internal.table.PathTemplate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HoldQueueTest {

    private final AtomicLong changes = new AtomicLong();
    private final HoldQueue holds = new HoldQueue(changes::get, 2);
    private final long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);

    @AfterEach
    void close() {
        holds.close();
    }

    @Test
    void aWaiterIsWokenOnlyByAChangeToItsOwnRoute() {
        AtomicInteger woken = new AtomicInteger();
        assertEquals(HoldQueue.Parked.PARKED, holds.park("GET", "/hello/ann", 0, later, woken::incrementAndGet));
        holds.changed("GET", PathTemplate.parse("/other"));
        holds.changed("POST", PathTemplate.parse("/hello/{name}"));
        assertEquals(0, woken.get());
        holds.changed("GET", PathTemplate.parse("/hello/{name}"));
        holds.changed("GET", PathTemplate.parse("/hello/{name}"));
        assertEquals(1, woken.get(), "woken once");
        assertEquals(0, holds.waiting());
    }

    @Test
    void aHeadRequestWaitsForTheGetRoute() {
        AtomicInteger woken = new AtomicInteger();
        holds.park("HEAD", "/hello", 0, later, woken::incrementAndGet);
        holds.changed("GET", PathTemplate.parse("/hello"));
        assertEquals(1, woken.get());
    }

    @Test
    void beyondTheCapRequestsAreRefusedAtOnce() {
        assertEquals(HoldQueue.Parked.PARKED, holds.park("GET", "/a", 0, later, () -> {}));
        assertEquals(HoldQueue.Parked.PARKED, holds.park("GET", "/a", 0, later, () -> {}));
        assertEquals(HoldQueue.Parked.FULL, holds.park("GET", "/a", 0, later, () -> {}));
        holds.changed("GET", PathTemplate.parse("/a"));
        assertEquals(HoldQueue.Parked.PARKED, holds.park("GET", "/a", 0, later, () -> {}), "room again");
    }

    @Test
    void aChangeBetweenTheLookupAndParkingIsNotMissed() {
        changes.incrementAndGet(); // the table changed after the lookup that read 0
        AtomicInteger woken = new AtomicInteger();
        assertEquals(HoldQueue.Parked.CHANGED, holds.park("GET", "/a", 0, later, woken::incrementAndGet));
        assertEquals(0, woken.get(), "the caller looks again itself");
        assertEquals(0, holds.waiting());
    }

    @Test
    void theDeadlineWakesAWaiterWithoutAnyThreadWaiting() throws InterruptedException {
        CountDownLatch woken = new CountDownLatch(1);
        Thread[] by = new Thread[1];
        holds.park("GET", "/a", 0, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), () -> {
            by[0] = Thread.currentThread();
            woken.countDown();
        });
        assertTrue(woken.await(5, TimeUnit.SECONDS));
        assertEquals("graft-hold-timer", by[0].getName());
    }
}
