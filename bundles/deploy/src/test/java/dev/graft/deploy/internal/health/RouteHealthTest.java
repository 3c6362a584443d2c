package dev.graft.deploy.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.dto.FailureDTO;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.api.route.dto.RouteDecisionDTO;
import dev.graft.deploy.internal.DeployFailure;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

class RouteHealthTest {

    private static final String SUBJECT = "hello.jar: demo.hello:1.1.0";

    private final List<RouteDTO> table = new ArrayList<>();
    private final List<FailureDTO> failures = new ArrayList<>();
    private final RouteHealth health = new RouteHealth(new RouteAdmin() {
        @Override
        public List<RouteDTO> routes() {
            return table;
        }

        @Override
        public List<FailureDTO> failures() {
            return failures;
        }

        @Override
        public RouteDecisionDTO explain(String method, String path, Map<String, String> headers, String clientAddress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setWeights(String target, Map<String, Integer> weights, String stickyHeader) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long unroutedRequests(int statusClass) {
            throw new UnsupportedOperationException();
        }
    });

    @Test
    void aModuleWhoseRoutesAreListedIsHealthy() throws Exception {
        table.add(route("demo.hello", "1.0.0", "GET", "/hello/{name}", RouteDTO.STATE_ACTIVE, 7));
        table.add(route("demo.hello", "1.1.0", "GET", "/hello/{who}", RouteDTO.STATE_STANDBY, 42));
        assertEquals(List.of(), health.check(bundle(service(42, "GET", "/hello/{who}")), SUBJECT));
        assertEquals(List.of(), health.check(bundle(), SUBJECT), "a module without routes");
    }

    @Test
    void aRouteNotListedYetIsWaitedFor() throws Exception {
        List<String> waiting = health.check(bundle(service(42, null, "/hello")), SUBJECT);
        assertEquals(List.of("route GET /hello (service 42) is not in the router's table yet"), waiting);
    }

    @Test
    void aRouteTheRouterRejectedFailsAtOnceNamingTheRouteAndTheReason() {
        FailureDTO rejected = new FailureDTO();
        rejected.code = FailureCode.E_ROUTE_INVALID.name();
        rejected.subject = "route service 42 of demo.hello:1.1.0";
        rejected.serviceId = 42;
        rejected.message = "path template 'hello' must start with '/'";
        failures.add(rejected);
        FailureDTO other = new FailureDTO();
        other.code = FailureCode.E_ROUTE_INVALID.name();
        other.subject = "route service 420 of demo.other:1.0.0";
        other.serviceId = 420;
        other.message = "not this one";
        failures.add(0, other);
        DeployFailure failure = assertThrows(DeployFailure.class,
                () -> health.check(bundle(service(42, "GET", "hello")), SUBJECT));
        assertEquals(FailureCode.E_UNHEALTHY, failure.code());
        assertEquals(SUBJECT + " is not healthy: the router rejected its route GET hello (service 42) (E_ROUTE_INVALID):"
                + " path template 'hello' must start with '/'", failure.getMessage());
    }

    @Test
    void aStandbyRouteAnotherModuleServesInTheSameShapeWaitsNamingTheOwner() throws Exception {
        table.add(route("demo.echo", "1.0.0", "GET", "/echo/{word}", RouteDTO.STATE_ACTIVE, 7));
        table.add(route("demo.echo", "1.0.0", "POST", "/echo", RouteDTO.STATE_ACTIVE, 8));
        table.add(route("demo.hello", "1.1.0", "GET", "/echo/{name}", RouteDTO.STATE_STANDBY, 42));
        table.add(route("demo.hello", "1.1.0", "GET", "/echo", RouteDTO.STATE_STANDBY, 43));
        List<String> waiting = health.check(bundle(service(42, "GET", "/echo/{name}"), service(43, "GET", "/echo")), SUBJECT);
        assertEquals(List.of("route GET /echo/{name} (service 42) would not be served (E_ROUTE_CONFLICT): demo.echo:1.0.0"
                + " already serves GET /echo/{word}"), waiting);
    }

    @Test
    void aRouteTheRouterListsInConflictWaitsWithTheRoutersReason() throws Exception {
        RouteDTO conflict = route("demo.hello", "1.1.0", "GET", "/echo", RouteDTO.STATE_CONFLICT, 42);
        conflict.failureReason = "demo.echo:1.0.0 already serves GET /echo";
        table.add(conflict);
        List<String> waiting = health.check(bundle(service(42, "GET", "/echo")), SUBJECT);
        assertEquals(1, waiting.size());
        assertTrue(waiting.get(0).endsWith("(E_ROUTE_CONFLICT): demo.echo:1.0.0 already serves GET /echo"), waiting.get(0));
    }

    private static RouteDTO route(String module, String version, String method, String path, String state, long serviceId) {
        RouteDTO dto = new RouteDTO();
        dto.module = module;
        dto.version = version;
        dto.method = method;
        dto.path = path;
        dto.state = state;
        dto.serviceId = serviceId;
        return dto;
    }

    private static ServiceReference<?> service(long id, String method, String path) {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put(Constants.OBJECTCLASS, new String[] {RouteHandler.class.getName()});
        properties.put(Constants.SERVICE_ID, id);
        properties.put(RouteHandler.PATH, path);
        if (method != null) {
            properties.put(RouteHandler.METHOD, method);
        }
        return (ServiceReference<?>) Proxy.newProxyInstance(RouteHealthTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, called, args) -> switch (called.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }

    private static Bundle bundle(ServiceReference<?>... services) {
        // another service of the bundle: not a route, not looked at
        Map<String, Object> other = Map.of(Constants.OBJECTCLASS, new String[] {Runnable.class.getName()},
                Constants.SERVICE_ID, 99L);
        ServiceReference<?> runnable = (ServiceReference<?>) Proxy.newProxyInstance(RouteHealthTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, called, args) -> other.get((String) args[0]));
        List<ServiceReference<?>> all = new ArrayList<>(List.of(services));
        all.add(runnable);
        return (Bundle) Proxy.newProxyInstance(RouteHealthTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getRegisteredServices" -> all.toArray(new ServiceReference<?>[0]);
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }
}
