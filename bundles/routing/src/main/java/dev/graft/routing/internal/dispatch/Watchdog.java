package dev.graft.routing.internal.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Cuts off routes that do not answer in time. Requests register a deadline; one daemon thread
 * looks at them every {@value #TICK_MILLIS} ms. Cheaper per request than a scheduled task (no
 * shared queue lock), at the price of cutting off up to one tick late. A cut-off answers the
 * client, which may block on a slow one; so it runs apart from the watchdog's own thread.
 */
final class Watchdog implements AutoCloseable {

    static final long TICK_MILLIS = 50;

    /**
     * One request being watched. Its cut-off runs once the deadline passes; it returns true when
     * it is done, false to be tried again a tick later (the route was busy writing).
     */
    static final class Watch {
        private volatile long deadlineNanos;
        private final BooleanSupplier cutOff;

        private Watch(long deadlineNanos, BooleanSupplier cutOff) {
            this.deadlineNanos = deadlineNanos;
            this.cutOff = cutOff;
        }
    }

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    Watchdog() {
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
                    CompletableFuture.runAsync(() -> {
                        if (watched.contains(watch) && watch.cutOff.getAsBoolean()) {
                            watched.remove(watch);
                        }
                    });
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
