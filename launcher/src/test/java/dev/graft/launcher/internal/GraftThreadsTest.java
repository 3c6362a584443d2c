package dev.graft.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GraftThreadsTest {

    private final GraftThreads threads = new GraftThreads("graft-test");

    @Test
    void threadsStartedFromGraftsThreadAreGraftsAndAreWaitedFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = threads.call("starter", () -> {
            Thread started = new Thread(() -> awaitQuietly(release), "worker"); // non-daemon, as a bundle might start
            started.start();
            return started;
        });
        assertTrue(threads.alive().contains(worker)); // (the starter may still be ending)

        new Thread(() -> sleepThen(200, release::countDown)).start(); // not Graft's: not waited for
        long start = System.nanoTime();
        assertEquals(List.of(), threads.awaitEnd(System.nanoTime() + TimeUnit.SECONDS.toNanos(10), 0));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150), "returned before the worker ended");
    }

    @Test
    void aLingeringDaemonThreadIsGivenOnlyTheGrace() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Thread daemon = threads.call("starter", () -> {
            Thread pooled = new Thread(() -> awaitQuietly(never), "idle-pool-thread");
            pooled.setDaemon(true);
            pooled.start();
            return pooled;
        });
        long start = System.nanoTime();
        assertEquals(List.of(daemon), threads.awaitEnd(System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
                TimeUnit.MILLISECONDS.toNanos(100)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "waited past the grace");
        never.countDown();
    }

    @Test
    void anExceptionOfTheActionIsRethrownAsItIs() {
        IOException e = assertThrows(IOException.class, () -> threads.call("starter", () -> {
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepThen(long millis, Runnable action) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        action.run();
    }
}
