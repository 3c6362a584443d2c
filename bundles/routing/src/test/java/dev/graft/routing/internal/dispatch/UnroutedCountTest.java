package dev.graft.routing.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.config.SplitPolicies;
import dev.graft.routing.internal.failure.Rejections;
import dev.graft.routing.internal.middleware.MiddlewareRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;

/** The router counts the requests no route served, by status class, and only those. */
class UnroutedCountTest {

    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final Logger logger = mock(Logger.class);
    private final RouteRegistry registry = new RouteRegistry(mock(BundleContext.class), ExitRefusedTest.config(),
            new Rejections(), logger);
    private final Dispatcher dispatcher = new Dispatcher(registry, new SplitPolicies(), new MiddlewareRegistry(logger), logger);

    @AfterEach
    void stop() {
        dispatcher.deactivate();
        registry.deactivate();
        workers.shutdownNow();
    }

    @Test
    void aRequestNoRouteServedIsCountedByItsStatusClassAndAServedOneIsNot() {
        FakeExchange unknown = new FakeExchange(workers);
        assertFalse(dispatcher.dispatchRouted(unknown)); // declined: the server hands it on
        dispatcher.dispatchUnrouted(unknown);
        assertEquals(404, unknown.status);
        FakeExchange throughTheServlet = new FakeExchange(workers);
        dispatcher.dispatch(throughTheServlet);
        assertEquals(404, throughTheServlet.status);

        registry.bindRoute((request, response) -> response.text("hello"), ExitRefusedTest.route());
        FakeExchange served = new FakeExchange(workers);
        assertTrue(dispatcher.dispatchRouted(served));
        assertEquals(200, served.status);

        assertEquals(2, registry.unrouted().count(4));
        for (int statusClass : new int[] {0, 1, 2, 3, 5}) {
            assertEquals(0, registry.unrouted().count(statusClass), "class " + statusClass);
        }
    }
}
