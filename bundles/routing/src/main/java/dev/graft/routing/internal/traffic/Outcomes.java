package dev.graft.routing.internal.traffic;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one route answered: requests, server errors (5xx) and the current run of consecutive server
 * errors — what a canary's circuit breaker reads. Recording costs two uncontended adds per request.
 */
public final class Outcomes {

    private final LongAdder requests = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final AtomicInteger consecutive = new AtomicInteger();

    public void record(int status) {
        requests.increment();
        if (status >= 500) {
            serverErrors.increment();
            consecutive.incrementAndGet();
        } else if (consecutive.get() != 0) { // read first: no shared write on the usual path
            consecutive.set(0);
        }
    }

    public long requests() {
        return requests.sum();
    }

    public long serverErrors() {
        return serverErrors.sum();
    }

    public int consecutiveServerErrors() {
        return consecutive.get();
    }
}
