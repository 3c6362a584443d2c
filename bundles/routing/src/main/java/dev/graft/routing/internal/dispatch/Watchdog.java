package dev.graft.routing.internal.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off routes that do not answer in time. Requests register a deadline; one daemon thread
 * looks at them every {@value #TICK_MILLIS} ms. Cheaper per request than a scheduled task (no
 * shared queue lock), at the price of cutting off up to one tick late.
 */
final class Watchdog implements AutoCloseable {

    static final long TICK_MILLIS = 50;

    /** One request being watched; {@link #run} is called once if its deadline passes. */
    static final class Watch {
        private final long deadlineNanos;
        private final Runnable cutOff;

        private Watch(long deadlineNanos, Runnable cutOff) {
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

    Watch watch(Runnable cutOff, long millis) {
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
                if (now - watch.deadlineNanos >= 0 && watched.remove(watch)) {
                    try {
                        watch.cutOff.run();
                    } catch (RuntimeException e) {
                        // the cut-off logs its own outcome; one failure must not stop the watchdog
                    }
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
