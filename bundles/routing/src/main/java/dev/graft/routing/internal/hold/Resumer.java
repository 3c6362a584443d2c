package dev.graft.routing.internal.hold;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the requests woken from the {@link HoldQueue} on the server's workers, at most
 * {@code concurrency} at a time. An update under heavy traffic wakes hundreds of parked requests
 * at once; one worker job each would make the server's pool start a thread for every job that
 * finds no idle one. A few drainers taking them in turn keep the pool's size where it was.
 */
public final class Resumer {

    private record Woken(Runnable task, Consumer<Runnable> executor) {}

    private final Queue<Woken> woken = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainers = new AtomicInteger();
    private final int concurrency;

    public Resumer(int concurrency) {
        this.concurrency = concurrency;
    }

    /**
     * @param task the request's resumption
     * @param executor where a drainer may run: the server's workers, through the request's exchange
     */
    public void resume(Runnable task, Consumer<Runnable> executor) {
        woken.add(new Woken(task, executor));
        startDrainer(executor);
    }

    private void startDrainer(Consumer<Runnable> executor) {
        int current;
        do {
            current = drainers.get();
            if (current >= concurrency) {
                return; // a running drainer will take it
            }
        } while (!drainers.compareAndSet(current, current + 1));
        executor.accept(this::drain);
    }

    private void drain() {
        while (true) {
            Woken next;
            while ((next = woken.poll()) != null) {
                next.task().run();
            }
            drainers.decrementAndGet();
            // one added after the last poll but before the decrement found every drainer busy
            Woken late = woken.peek();
            if (late == null) {
                return;
            }
            int current = drainers.get();
            if (current >= concurrency || !drainers.compareAndSet(current, current + 1)) {
                return; // another drainer is there for it
            }
        }
    }
}
