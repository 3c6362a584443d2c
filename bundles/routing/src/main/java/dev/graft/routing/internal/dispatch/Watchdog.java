package dev.graft.routing.internal.dispatch;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Cuts off routes that do not answer in time. Requests register a deadline; one daemon thread
 * looks at them every {@value #TICK_MILLIS} ms. Cheaper per request than a scheduled task (no
 * shared queue lock), at the price of cutting off up to one tick late. A cut-off answers the
 * client, which may block on a slow one; so it runs apart from the watchdog's own thread, on a
 * few threads of the watchdog's own ({@code graft-route-watchdog-N}), never on the JVM's common
 * pool, which other code shares and which on a small machine starts a thread per task.
 */
final class Watchdog implements AutoCloseable {

    static final long TICK_MILLIS = 50;

    /** Cut-offs that may run at once; each may block on a slow client, and the others go on. */
    static final int CUT_OFF_THREADS = 2;

    /** Cut-offs that may wait for a thread; past that, a route is tried again a tick later. */
    static final int CUT_OFF_QUEUE = 1024;

    /**
     * One request being watched. Its cut-off runs once the deadline passes; it returns true when
     * it is done, false to be tried again a tick later (the route was busy writing).
     */
    static final class Watch {
        private volatile long deadlineNanos;
        private final BooleanSupplier cutOff;
        private final AtomicBoolean queued = new AtomicBoolean(); // one cut-off at a time per request
        // every request adds and removes its watch: a random hash spares the identity hash's cost
        private final int hash = ThreadLocalRandom.current().nextInt();

        private Watch(long deadlineNanos, BooleanSupplier cutOff) {
            this.deadlineNanos = deadlineNanos;
            this.cutOff = cutOff;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }
    }

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final ThreadPoolExecutor cutOffs;
    private volatile boolean running = true;

    Watchdog() {
        AtomicInteger threads = new AtomicInteger();
        cutOffs = new ThreadPoolExecutor(CUT_OFF_THREADS, CUT_OFF_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(CUT_OFF_QUEUE), task -> {
                    Thread worker = new Thread(task, "graft-route-watchdog-" + threads.incrementAndGet());
                    worker.setDaemon(true);
                    return worker;
                });
        cutOffs.allowCoreThreadTimeOut(true); // no idle threads while no route hangs
        thread = new Thread(this::loop, "graft-route-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    Watch watch(BooleanSupplier cutOff, long millis) {
        Watch watch = new Watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), cutOff);
        watched.add(watch);
        return watch;
    }

    void done(Watch watch) {
        watched.remove(watch);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch watch : watched) {
                if (now - watch.deadlineNanos >= 0) {
                    watch.deadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS); // not again before a tick
                    if (watch.queued.compareAndSet(false, true)) {
                        try {
                            cutOffs.execute(() -> cutOff(watch));
                        } catch (RejectedExecutionException fullOrClosed) {
                            watch.queued.set(false); // tried again a tick later
                        }
                    }
                }
            }
        }
    }

    private void cutOff(Watch watch) {
        try {
            if (watched.contains(watch) && watch.cutOff.getAsBoolean()) {
                watched.remove(watch);
            }
        } catch (RuntimeException failed) {
            watched.remove(watch); // it would fail again: give up on this request
        } finally {
            watch.queued.set(false);
        }
    }

    /** Stops watching; cut-offs under way are interrupted (the router is going away). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        cutOffs.shutdownNow();
    }
}
