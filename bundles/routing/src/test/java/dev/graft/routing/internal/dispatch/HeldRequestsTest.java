package dev.graft.routing.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.graft.api.route.RouteHandler;
import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.config.RoutingConfig;
import dev.graft.routing.internal.config.SplitPolicies;
import dev.graft.routing.internal.failure.Rejections;
import dev.graft.routing.internal.middleware.MiddlewareRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.log.Logger;

/**
 * Requests for a route whose only version is being updated wait without a thread: the server's
 * call returns at once, the request is answered when the new version registers — and beyond the
 * configured cap, requests get 503 at once.
 */
class HeldRequestsTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Logger logger = mock(Logger.class);
    private final RouteRegistry registry = new RouteRegistry(mock(BundleContext.class), config(3), new Rejections(), logger);
    private final Dispatcher dispatcher = new Dispatcher(registry, new SplitPolicies(), new MiddlewareRegistry(logger), logger);
    private long serviceIds = 100;

    @AfterEach
    void stop() {
        dispatcher.deactivate();
        registry.deactivate();
        workers.shutdownNow();
    }

    @Test
    void heldRequestsHoldNoThreadAndAreServedByTheNewVersion() throws Exception {
        Bundle bundle = updatingBundle();
        ServiceReference<RouteHandler> v1 = route(bundle);
        registry.bindRoute((request, response) -> response.text("v1"), v1);
        registry.unbindRoute(v1); // its bundle is STOPPING and persistently started: an update, held

        List<FakeExchange> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeExchange exchange = new FakeExchange(workers);
            long started = System.nanoTime();
            assertTrue(dispatcher.dispatchRouted(exchange), "the router takes a held route's request");
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "and returns at once: no thread waits");
            assertFalse(exchange.isCompleted());
            waiting.add(exchange);
        }
        assertEquals(3, registry.holds().waiting());

        FakeExchange overCap = new FakeExchange(workers);
        assertTrue(dispatcher.dispatchRouted(overCap));
        assertTrue(overCap.isCompleted(), "beyond the cap: answered at once");
        assertEquals(503, overCap.status);
        assertEquals("1", overCap.headers.get("Retry-After"));
        assertTrue(overCap.body().contains("\"error\":\"E_UNAVAILABLE\""), overCap.body());

        registry.bindRoute((request, response) -> response.text("v2"), route(bundle)); // the new version
        for (FakeExchange exchange : waiting) {
            assertTrue(exchange.completed.await(5, TimeUnit.SECONDS), "woken by its route's return");
            assertEquals(200, exchange.status);
            assertEquals("v2", exchange.body());
        }
        assertEquals(0, registry.holds().waiting());
    }

    @Test
    void aHeldRequestGets503WhenTheVersionDoesNotComeBackInTime() throws Exception {
        RouteRegistry shortHold = new RouteRegistry(mock(BundleContext.class), config(3, 100), new Rejections(), logger);
        Dispatcher shortDispatcher = new Dispatcher(shortHold, new SplitPolicies(), new MiddlewareRegistry(logger), logger);
        try {
            ServiceReference<RouteHandler> v1 = route(updatingBundle());
            shortHold.bindRoute((request, response) -> response.text("v1"), v1);
            shortHold.unbindRoute(v1);
            FakeExchange exchange = new FakeExchange(workers);
            assertTrue(shortDispatcher.dispatchRouted(exchange));
            assertTrue(exchange.completed.await(5, TimeUnit.SECONDS));
            assertEquals(503, exchange.status);
            assertTrue(exchange.body().contains("did not come back in time"), exchange.body());
        } finally {
            shortDispatcher.deactivate();
            shortHold.deactivate();
        }
    }

    private static RoutingConfig config(int maxWaiters) {
        return config(maxWaiters, 5000);
    }

    private static RoutingConfig config(int maxWaiters, long holdMillis) {
        RoutingConfig config = mock(RoutingConfig.class);
        when(config.hold_millis()).thenReturn(holdMillis);
        when(config.hold_max_waiters()).thenReturn(maxWaiters);
        when(config.drain_timeout_millis()).thenReturn(1000L);
        when(config.route_timeout_millis()).thenReturn(0L);
        return config;
    }

    private static Bundle updatingBundle() {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn("demo.hello");
        when(bundle.getVersion()).thenReturn(Version.parseVersion("1.0.0"));
        when(bundle.getBundleId()).thenReturn(42L);
        when(bundle.getState()).thenReturn(Bundle.STOPPING);
        BundleStartLevel startLevel = mock(BundleStartLevel.class);
        when(startLevel.isPersistentlyStarted()).thenReturn(true);
        when(bundle.adapt(BundleStartLevel.class)).thenReturn(startLevel);
        return bundle;
    }

    @SuppressWarnings("unchecked")
    private ServiceReference<RouteHandler> route(Bundle bundle) {
        ServiceReference<RouteHandler> reference = mock(ServiceReference.class);
        long id = serviceIds++;
        when(reference.getBundle()).thenReturn(bundle);
        when(reference.getProperty(Constants.SERVICE_ID)).thenReturn(id);
        when(reference.getProperty(RouteHandler.METHOD)).thenReturn("GET");
        when(reference.getProperty(RouteHandler.PATH)).thenReturn("/hello");
        when(reference.getPropertyKeys()).thenReturn(new String[] {Constants.SERVICE_ID, RouteHandler.PATH});
        return reference;
    }
}
