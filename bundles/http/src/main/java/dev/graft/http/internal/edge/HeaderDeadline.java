package dev.graft.http.internal.edge;

import java.util.EventListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections that take too long to send a request's headers — slow-loris clients that
 * trickle a byte at a time and would otherwise keep a connection (and a file descriptor) forever,
 * since every byte resets the idle timeout.
 *
 * <p>A connection must send a complete request head within the header timeout of being opened or
 * of its previous answer. While the open connections are at or above half the cap, the deadline
 * shrinks to {@value #PRESSURE_MILLIS} ms: under attack, a real client sends its headers at once and
 * the trickling ones make room for it.
 */
public final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {

    static final long PRESSURE_MILLIS = 1000;
    static final long TICK_MILLIS = 250;

    /** What was seen of a connection at the last tick: requests in and out, and since when. */
    private static final class Seen {
        long in;
        long out;
        long sinceNanos;

        Seen(long nowNanos) {
            sinceNanos = nowNanos;
        }
    }

    private final Map<Connection, Seen> open = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final long timeoutNanos;
    private final int pressureAt;
    private volatile Scheduler.Task tick;
    private volatile long closed;

    /**
     * @param scheduler the server's scheduler
     * @param timeoutMillis the header timeout
     * @param maxConnections the connection cap; pressure starts at half of it
     */
    public HeaderDeadline(Scheduler scheduler, long timeoutMillis, int maxConnections) {
        this.scheduler = scheduler;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.pressureAt = Math.max(1, maxConnections / 2);
    }

    /** @return connections closed so far because their headers did not arrive in time */
    public long closedCount() {
        return closed;
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task current = tick;
        if (current != null) {
            current.cancel();
        }
        open.clear();
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new Seen(System.nanoTime()));
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            tick = scheduler.schedule(this::sweep, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes each connection waiting for a request head past its deadline. */
    void sweep() {
        try {
            long now = System.nanoTime();
            long limit = open.size() >= pressureAt
                    ? Math.min(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(PRESSURE_MILLIS)) : timeoutNanos;
            open.forEach((connection, seen) -> {
                long in = connection.getMessagesIn();
                long out = connection.getMessagesOut();
                if (in != seen.in || out != seen.out) {
                    seen.in = in; // progress: a request head arrived, or an answer left
                    seen.out = out;
                    seen.sinceNanos = now;
                } else if (in <= out && now - seen.sinceNanos > limit) {
                    // no request in progress, and none begun in time
                    open.remove(connection);
                    closed++;
                    connection.close();
                }
            });
        } finally {
            schedule();
        }
    }

    /** @return a listener as Jetty's connectors take it */
    public EventListener listener() {
        return this;
    }
}
