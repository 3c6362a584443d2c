package dev.graft.routing.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

class RoutingTimeoutsTest {

    private static RoutingTimeouts of(long drainMillis, long routeTimeoutMillis) {
        RoutingConfig config = mock(RoutingConfig.class);
        when(config.drain_timeout_millis()).thenReturn(drainMillis);
        when(config.route_timeout_millis()).thenReturn(routeTimeoutMillis);
        return RoutingTimeouts.of(config);
    }

    @Test
    void theDrainLastsAtLeastTheRouteTimeoutPlusTheCutOffMargin() {
        assertEquals(31_000, of(10_000, 30_000).drainMillis()); // the defaults before this change
        assertTrue(of(10_000, 30_000).drainRaised());
        assertEquals(11_000, of(10_000, 10_000).drainMillis());
        assertEquals(15_000, of(15_000, 10_000).drainMillis());
        assertFalse(of(15_000, 10_000).drainRaised());
        assertEquals(2_000, of(2_000, 1_000).drainMillis());
    }

    @Test
    void noRouteTimeoutOrNoDrainIsKeptAsConfigured() {
        assertEquals(100, of(100, 0).drainMillis()); // no route timeout: nothing to wait for in particular
        assertEquals(0, of(0, 30_000).drainMillis()); // drain turned off on purpose
        assertFalse(of(0, 30_000).drainRaised());
    }

    @Test
    void theDefaultsNeedNoRaise() throws Exception {
        long drain = (long) RoutingConfig.class.getMethod("drain_timeout_millis").getDefaultValue();
        long route = (long) RoutingConfig.class.getMethod("route_timeout_millis").getDefaultValue();
        assertFalse(of(drain, route).drainRaised(), "drain " + drain + " ms, route timeout " + route + " ms");
    }
}
