package dev.graft.routing.internal.traffic;

import java.util.concurrent.atomic.LongAdder;

/**
 * Requests no route served — unknown paths or versions, methods not allowed, requests answered by
 * request-phase middleware, requests turned away while their route was updated — by status class.
 * Counted by the router itself, which knows at the end of every request whether a route served it,
 * so that counting costs the served requests nothing (a middleware doing it wrapped every request).
 */
public final class UnroutedCounts {

    private final LongAdder[] byClass = new LongAdder[6];

    public UnroutedCounts() {
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = new LongAdder();
        }
    }

    /** Counts one request no route served, with the status it was answered. */
    public void record(int status) {
        byClass[classOf(status)].increment();
    }

    /** @return the requests counted with a status of this class: 1 to 5 for 1xx to 5xx, 0 for any other */
    public long count(int statusClass) {
        return statusClass >= 0 && statusClass < byClass.length ? byClass[statusClass].sum() : 0;
    }

    static int classOf(int status) {
        int index = status / 100;
        return index >= 1 && index <= 5 ? index : 0;
    }
}
