package dev.graft.routing.internal.dispatch;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
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
 *
 * <p>Every request registers and withdraws a watch, so that must cost next to nothing: each thread
 * keeps its own watches, as an immutable chain its slot points to (a thread serves one route at a
 * time, so the chain is one watch long), and the watchdog walks every thread's slot. No shared
 * structure is written per request.
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
        private volatile boolean active = true;
        private final BooleanSupplier cutOff;
        private final AtomicBoolean queued = new AtomicBoolean(); // one cut-off at a time per request
        private final Slot slot;

        private Watch(long deadlineNanos, BooleanSupplier cutOff, Slot slot) {
            this.deadlineNanos = deadlineNanos;
            this.cutOff = cutOff;
            this.slot = slot;
        }
    }

    /** An immutable link in a thread's chain of watches. */
    private record Link(Watch watch, Link next) {
        Link without(Watch gone) {
            if (watch == gone) {
                return next;
            }
            return next == null ? this : new Link(watch, next.without(gone));
        }
    }

    /** One thread's watches: written by that thread only, read by the watchdog. */
    private static final class Slot {
        final Thread owner = Thread.currentThread();
        volatile Link head;
    }

    private final Queue<Slot> slots = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(() -> {
        Slot slot = new Slot();
        slots.add(slot);
        return slot;
    });
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
        Slot slot = mine.get();
        Watch watch = new Watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), cutOff, slot);
        slot.head = new Link(watch, slot.head);
        return watch;
    }

    /** The request is over: called on the thread that registered the watch. */
    void done(Watch watch) {
        watch.active = false;
        Slot slot = watch.slot;
        Link head = slot.head;
        if (head != null) {
            slot.head = head.watch() == watch ? head.next() : head.without(watch);
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Slot slot : slots) {
                Link head = slot.head;
                if (head == null && !slot.owner.isAlive()) {
                    slots.remove(slot); // a thread the server's pool let go
                }
                for (Link link = head; link != null; link = link.next()) {
                    Watch watch = link.watch();
                    if (watch.active && now - watch.deadlineNanos >= 0) {
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
    }

    private void cutOff(Watch watch) {
        try {
            if (watch.active && watch.cutOff.getAsBoolean()) {
                watch.active = false;
            }
        } catch (RuntimeException failed) {
            watch.active = false; // it would fail again: give up on this request
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
