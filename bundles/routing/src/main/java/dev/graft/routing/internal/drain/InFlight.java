package dev.graft.routing.internal.drain;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests inside one route so that a route being withdrawn can let them finish:
 * {@link #close()} stops new entries, {@link #awaitEmpty} waits for the ones inside.
 */
public final class InFlight {

    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean closed;

    /** @return false if the route is closing; the caller must then choose another route */
    public boolean tryEnter() {
        count.incrementAndGet();
        if (closed) { // closed after the lookup: back out, so the drain does not wait for us
            exit();
            return false;
        }
        return true;
    }

    public void exit() {
        if (count.decrementAndGet() == 0 && closed) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    public int current() {
        return Math.max(0, count.get());
    }

    /**
     * Closes, then waits up to {@code millis} for the requests inside to finish. An interrupt ends
     * the wait early (and stays set).
     *
     * @return true if none is left inside
     */
    public boolean drain(long millis) {
        close();
        try {
            return awaitEmpty(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current() == 0;
        }
    }

    /** @return true if every request inside has finished within the time */
    public boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // exit() notifies only once closed: an open route is polled, every 10 ms at most
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
            }
        }
        return true;
    }
}
