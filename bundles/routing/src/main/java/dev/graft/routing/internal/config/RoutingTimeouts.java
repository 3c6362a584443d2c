package dev.graft.routing.internal.config;

/**
 * The router's time limits as they apply. A withdrawn route waits for its requests at least as
 * long as one of them may legitimately run (the route timeout), plus a margin for the watchdog to
 * cut it off: a shorter drain would let the module be deactivated under a request still in time.
 *
 * @param drainMillis how long a withdrawn route waits for the requests inside it; 0 does not wait
 * @param configuredDrainMillis the drain timeout as configured
 * @param routeTimeoutMillis after how long a route that has not answered is cut off; 0 never
 */
public record RoutingTimeouts(long drainMillis, long configuredDrainMillis, long routeTimeoutMillis) {

    /** Added to the route timeout: the watchdog cuts off up to a tick late, then answers the client. */
    public static final long CUT_OFF_MARGIN_MILLIS = 1000;

    public static RoutingTimeouts of(RoutingConfig config) {
        long drain = Math.max(0, config.drain_timeout_millis());
        long route = Math.max(0, config.route_timeout_millis());
        // a drain of 0 turns draining off on purpose (e.g. to measure what draining saves): kept
        boolean raise = drain > 0 && route > 0 && drain < route + CUT_OFF_MARGIN_MILLIS;
        return new RoutingTimeouts(raise ? route + CUT_OFF_MARGIN_MILLIS : drain, drain, route);
    }

    /** @return true if a withdrawn route waits longer than the configured drain timeout */
    public boolean drainRaised() {
        return drainMillis != configuredDrainMillis;
    }
}
