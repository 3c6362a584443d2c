package dev.graft.routing.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.graft.api.ExitRefusedException;
import dev.graft.api.FailureCode;
import dev.graft.api.route.RouteHandler;
import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.config.RoutingConfig;
import dev.graft.routing.internal.config.SplitPolicies;
import dev.graft.routing.internal.failure.Rejections;
import dev.graft.routing.internal.middleware.MiddlewareRegistry;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;

/**
 * A route whose module called System.exit (rewritten by the containment bundle into a throw of
 * {@link ExitRefusedException}): 500 with E_EXIT_REFUSED naming the module, one WARN line.
 */
class ExitRefusedTest {

    // outside a bundle, the thrower names the calling class
    private static final String CALLER = ExitRefusedTest.class.getName();

    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final Logger logger = mock(Logger.class);
    private final RouteRegistry registry = new RouteRegistry(mock(BundleContext.class), config(), new Rejections(), logger);
    private final Dispatcher dispatcher = new Dispatcher(registry, new SplitPolicies(), new MiddlewareRegistry(logger), logger);

    @AfterEach
    void stop() {
        dispatcher.deactivate();
        registry.deactivate();
        workers.shutdownNow();
    }

    @Test
    void aRefusedExitIs500WithItsCodeNamingTheModule() {
        registry.bindRoute((request, response) -> ExitRefusedException.exit(1), route());

        FakeExchange exchange = serve();

        assertEquals(500, exchange.status);
        assertEquals("{\"error\":\"E_EXIT_REFUSED\",\"message\":\"" + CALLER + " called System.exit(1) in route GET"
                + " /hello; refused: a module cannot end the JVM\",\"module\":\"demo.hello/1.0.0\"}", exchange.body());
        verify(logger).warn("{}: {}", FailureCode.E_EXIT_REFUSED, CALLER + " called System.exit(1) in route GET /hello; refused");
        verify(logger, never()).error(anyString(), any(Object[].class));
    }

    @Test
    void aRefusedExitWrappedInAnotherExceptionIsFoundInTheCauseChain() {
        registry.bindRoute((request, response) -> {
            try {
                ExitRefusedException.halt(Runtime.getRuntime(), 3);
            } catch (ExitRefusedException e) {
                throw new UncheckedIOException(new java.io.IOException("shutting down", e));
            }
        }, route());

        FakeExchange exchange = serve();

        assertEquals(500, exchange.status);
        assertTrue(exchange.body().startsWith("{\"error\":\"E_EXIT_REFUSED\",\"message\":\"" + CALLER
                + " called Runtime.halt(3) in route GET /hello;"), exchange.body());
    }

    private FakeExchange serve() {
        FakeExchange exchange = new FakeExchange(workers);
        assertTrue(dispatcher.dispatchRouted(exchange));
        assertTrue(exchange.isCompleted());
        return exchange;
    }

    static RoutingConfig config() {
        RoutingConfig config = mock(RoutingConfig.class);
        when(config.hold_millis()).thenReturn(5000L);
        when(config.hold_max_waiters()).thenReturn(10);
        when(config.drain_timeout_millis()).thenReturn(1000L);
        when(config.route_timeout_millis()).thenReturn(0L);
        return config;
    }

    @SuppressWarnings("unchecked")
    static ServiceReference<RouteHandler> route() {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn("demo.hello");
        when(bundle.getVersion()).thenReturn(Version.parseVersion("1.0.0"));
        when(bundle.getBundleId()).thenReturn(42L);
        when(bundle.getState()).thenReturn(Bundle.ACTIVE);
        ServiceReference<RouteHandler> reference = mock(ServiceReference.class);
        when(reference.getBundle()).thenReturn(bundle);
        when(reference.getProperty(Constants.SERVICE_ID)).thenReturn(100L);
        when(reference.getProperty(RouteHandler.METHOD)).thenReturn("GET");
        when(reference.getProperty(RouteHandler.PATH)).thenReturn("/hello");
        when(reference.getPropertyKeys()).thenReturn(new String[] {Constants.SERVICE_ID, RouteHandler.PATH});
        return reference;
    }
}
