package dev.graft.routing.internal.hold;

import dev.graft.routing.internal.table.PathTemplate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Requests waiting for a route that is being updated, parked without a thread. A waiter is woken
 * once: by a change to its own route (a route whose method and template match its request), or at
 * its deadline. Beyond {@code max} waiters, {@link #park} answers {@link Parked#FULL} at once, so an
 * update under heavy traffic cannot pile up unbounded requests.
 */
public final class HoldQueue implements AutoCloseable {

    /** What {@link #park} did. */
    public enum Parked {
        /** The request waits; its wake task will run once. */
        PARKED,
        /** The table changed since the lookup: look again now; the wake task will not run. */
        CHANGED,
        /** Too many requests wait already: answer 503; the wake task will not run. */
        FULL
    }

    private static final class Waiter {
        final String method;
        final List<String> segments;
        final Runnable wake;
        final AtomicBoolean done = new AtomicBoolean();
        volatile ScheduledFuture<?> deadline;

        Waiter(String method, List<String> segments, Runnable wake) {
            this.method = method;
            this.segments = segments;
            this.wake = wake;
        }

        boolean waitsFor(String routeMethod, PathTemplate template) {
            return (routeMethod.equals(method) || ("HEAD".equals(method) && "GET".equals(routeMethod)))
                    && template.matches(segments);
        }
    }

    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final LongSupplier changes;
    private final ScheduledThreadPoolExecutor timer;
    private volatile int max;

    /**
     * @param changes the route table's change count (read before each lookup)
     * @param max the most requests that may wait at once
     */
    public HoldQueue(LongSupplier changes, int max) {
        this.changes = changes;
        this.max = max;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "graft-hold-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    public void max(int max) {
        this.max = max;
    }

    /** @return the requests waiting now */
    public int waiting() {
        return count.get();
    }

    /**
     * Parks a request until its route changes or the deadline passes.
     *
     * @param method the request's method
     * @param path the request's path
     * @param seen the table's change count read before the lookup that found the route held
     * @param deadlineNanos a {@link System#nanoTime()} deadline
     * @param wake run once when the request should look again; hand it to a worker, it runs on the
     *     thread that changed the route or on the timer
     */
    public Parked park(String method, String path, long seen, long deadlineNanos, Runnable wake) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return Parked.FULL;
        }
        Waiter waiter = new Waiter(method, PathTemplate.splitPath(path), wake);
        waiters.add(waiter);
        // a change between the lookup and the line above found no waiter to wake: look at the count
        if (changes.getAsLong() != seen) {
            if (claim(waiter)) {
                return Parked.CHANGED;
            }
            return Parked.PARKED; // woken meanwhile: its wake task runs
        }
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        waiter.deadline = timer.schedule(() -> wake(waiter), delay, TimeUnit.NANOSECONDS);
        return Parked.PARKED;
    }

    /** A route was added or removed: wakes the requests waiting for it. Call after the table changed. */
    public void changed(String method, PathTemplate template) {
        for (Waiter waiter : waiters) { // a concurrent set: safe to walk while it changes
            if (waiter.waitsFor(method, template)) {
                wake(waiter);
            }
        }
    }

    /** Wakes every waiter: holds were released wholesale, or the router is stopping. */
    public void wakeAll() {
        waiters.forEach(this::wake);
    }

    private boolean claim(Waiter waiter) {
        if (!waiter.done.compareAndSet(false, true)) {
            return false;
        }
        waiters.remove(waiter);
        count.decrementAndGet();
        ScheduledFuture<?> deadline = waiter.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        return true;
    }

    private void wake(Waiter waiter) {
        if (claim(waiter)) {
            waiter.wake.run();
        }
    }

    @Override
    public void close() {
        wakeAll();
        timer.shutdownNow();
    }
}
