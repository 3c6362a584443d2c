package dev.graft.routing.internal.hold;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResumerTest {

    @Test
    void aBurstOfWokenRequestsRunsOnAFewWorkerJobs() throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Resumer resumer = new Resumer(3);
            AtomicInteger jobs = new AtomicInteger();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(500);
            for (int i = 0; i < 500; i++) {
                resumer.resume(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                }, task -> {
                    jobs.incrementAndGet();
                    pool.execute(task);
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "every woken request ran");
            assertTrue(most.get() <= 3, "at most 3 at a time, saw " + most.get());
            assertTrue(jobs.get() < 500, "far fewer worker jobs than requests: " + jobs.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestWokenAsTheLastDrainerEndsIsNotLeftBehind() throws InterruptedException {
        Resumer resumer = new Resumer(1);
        for (int round = 0; round < 2000; round++) {
            CountDownLatch ran = new CountDownLatch(2);
            Thread other = new Thread(() -> resumer.resume(ran::countDown, Runnable::run));
            other.start();
            resumer.resume(ran::countDown, task -> new Thread(task).start());
            assertTrue(ran.await(5, TimeUnit.SECONDS), "round " + round);
            other.join();
        }
    }
}
