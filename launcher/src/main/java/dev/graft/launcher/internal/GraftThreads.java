package dev.graft.launcher.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * The threads one Graft starts, so that stopping it can wait for them. A thread belongs to the
 * thread group of the thread that creates it; the framework is started and stopped from a thread
 * of Graft's own group, so the framework's threads, the bundles' (started by the framework's) and
 * theirs in turn are all in it — and none of the host's.
 */
public final class GraftThreads {

    private final ThreadGroup group;

    public GraftThreads(String name) {
        this.group = new ThreadGroup(name);
    }

    /**
     * Runs the action on a new thread of Graft's group and waits for it; its exception is rethrown.
     * Waits on if interrupted (a half-started or half-stopped framework helps no one), then
     * restores the interrupt.
     */
    public <T> T call(String threadName, Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Thread thread = new Thread(group, task, threadName);
        // The framework's threads inherit this thread's context class loader. Leave it unset: OSGi
        // does not define it, and libraries that consult it first (JLine looks up its terminal
        // providers there) then use their own bundle's loader, not the launcher's.
        thread.setContextClassLoader(null);
        thread.start();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw (Error) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts a daemon thread of Graft's group for work of Graft's own that must not hold up its
     * start; {@link #awaitEnd} waits for it like for any other, so it must end when Graft stops.
     */
    public Thread startDaemon(String threadName, int priority, Runnable action) {
        Thread thread = new Thread(group, action, threadName);
        thread.setContextClassLoader(null); // as for the framework's threads: see call
        thread.setDaemon(true);
        thread.setPriority(priority);
        thread.start();
        return thread;
    }

    /**
     * Waits until every thread of Graft's group has ended: a non-daemon thread (one that would keep
     * the JVM up) until the deadline, a daemon thread for at most {@code daemonGraceNanos} of it — a
     * pooled JDK thread that a bundle happened to start (the common fork-join pool's, say) idles
     * for a minute, and must not hold up a stop.
     *
     * @return the threads still alive then (empty: all ended)
     */
    public List<Thread> awaitEnd(long deadlineNanos, long daemonGraceNanos) throws InterruptedException {
        long daemonDeadline = Math.min(deadlineNanos, System.nanoTime() + daemonGraceNanos);
        while (true) {
            List<Thread> alive = alive();
            long now = System.nanoTime();
            Thread next = null;
            for (Thread thread : alive) {
                if ((thread.isDaemon() ? daemonDeadline : deadlineNanos) - now > 0) {
                    next = thread;
                    break;
                }
            }
            if (next == null) {
                return alive;
            }
            TimeUnit.NANOSECONDS.timedJoin(next, (next.isDaemon() ? daemonDeadline : deadlineNanos) - now);
        }
    }

    /** @return the threads of Graft's group alive now */
    public List<Thread> alive() {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        List<Thread> alive = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (threads[i].isAlive() && threads[i] != Thread.currentThread()) {
                alive.add(threads[i]);
            }
        }
        return alive;
    }
}
