package dev.graft.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import dev.graft.api.route.RouteHandler;
import dev.graft.routing.internal.config.RoutingConfig;
import dev.graft.routing.internal.failure.Rejections;
import dev.graft.routing.internal.table.RouteEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;

class RouteRegistryTest {

    private final Logger logger = mock(Logger.class);

    private static RoutingConfig config(long drainMillis, long routeTimeoutMillis) {
        RoutingConfig config = mock(RoutingConfig.class);
        when(config.hold_millis()).thenReturn(0L);
        when(config.drain_timeout_millis()).thenReturn(drainMillis);
        when(config.route_timeout_millis()).thenReturn(routeTimeoutMillis);
        return config;
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<RouteHandler> reference(String path) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn("hello");
        when(bundle.getVersion()).thenReturn(Version.parseVersion("1.0.0"));
        when(bundle.getBundleId()).thenReturn(7L);
        when(bundle.getState()).thenReturn(Bundle.ACTIVE);
        ServiceReference<RouteHandler> reference = mock(ServiceReference.class);
        when(reference.getBundle()).thenReturn(bundle);
        when(reference.getProperty(Constants.SERVICE_ID)).thenReturn(42L);
        when(reference.getProperty(RouteHandler.PATH)).thenReturn(path);
        return reference;
    }

    /** The log's lines at WARN, formatted as a reader would see them. */
    private List<String> warnings() {
        List<String> lines = new ArrayList<>();
        mockingDetails(logger).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("warn"))
                .forEach(i -> {
                    Object[] args = i.getArguments();
                    String line = String.valueOf(args[0]);
                    for (Object arg : Arrays.copyOfRange(args, 1, args.length)) {
                        line = line.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(arg)));
                    }
                    lines.add(line);
                });
        return lines;
    }

    @Test
    void aWithdrawnRouteLetsItsRequestsRunAsLongAsTheRouteTimeoutAllows() throws Exception {
        RouteRegistry registry = new RouteRegistry(mock(BundleContext.class), config(100, 1_000), new Rejections(), logger);
        ServiceReference<RouteHandler> reference = reference("/slow");
        registry.bindRoute((request, response) -> {}, reference);
        RouteEntry route = registry.table().routes().get(0);
        assertTrue(route.inFlight().tryEnter());
        Thread request = new Thread(() -> {
            try {
                Thread.sleep(300); // longer than the configured drain, within the route timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                route.inFlight().exit();
            }
        });
        request.start();

        registry.unbindRoute(reference);

        assertEquals(0, route.inFlight().current(), "the route was withdrawn while its request was still inside");
        assertTrue(warnings().stream().noneMatch(w -> w.startsWith("E_TIMEOUT")), warnings().toString());
        request.join();
    }

    @Test
    void aDrainTimeoutShorterThanTheRouteTimeoutIsRaisedWithOneWarning() {
        RouteRegistry registry = new RouteRegistry(mock(BundleContext.class), config(100, 1_000), new Rejections(), logger);
        List<String> raised = warnings().stream().filter(w -> w.startsWith("E_CONFIG_INVALID")).toList();
        assertEquals(1, raised.size(), warnings().toString());
        assertTrue(raised.get(0).contains("drain.timeout.millis (100 ms)") && raised.get(0).contains("using 2000 ms"),
                raised.get(0));

        registry.update(config(5_000, 1_000));
        registry.update(config(0, 1_000)); // 0: no drain at all, as configured
        assertEquals(1, warnings().size(), warnings().toString());
    }
}
