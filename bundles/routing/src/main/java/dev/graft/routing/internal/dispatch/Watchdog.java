package dev.graft.routing.internal.dispatch;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Cuts off routes that do not answer in time. One daemon thread for all requests. */
final class Watchdog implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "graft-route-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    Watchdog() {
        timer.setRemoveOnCancelPolicy(true); // most requests finish in time: do not keep their timers
    }

    ScheduledFuture<?> schedule(Runnable cutOff, long millis) {
        return timer.schedule(cutOff, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
