package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.graft.api.middleware.Middleware;
import dev.graft.api.middleware.MiddlewarePhase;
import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteInfo;
import dev.graft.api.route.dto.FailureDTO;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The data plane: Graft's server offers every request to the router first, and what no route knows
 * reaches the standard Servlet Whiteboard on the same port. Route-phase middleware sees the chosen
 * route and hands values to it; rejections are state, not only log lines.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class DataPlaneIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    public void plainWhiteboardServletsFiltersPreprocessorsAndResourcesServeOnTheMainPort() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        Bundle whiteboard = installExample("whiteboard-1.0.0.jar");

        // its servlet, filter and preprocessor are three components that appear one by one
        HttpResponse<String> servlet = http().await("/wb/hello", r -> r.statusCode() == 200
                && r.headers().firstValue("X-Whiteboard-Filter").isPresent()
                && r.headers().firstValue("X-Whiteboard-Preprocessor").isPresent(), WAIT);
        assertEquals("hello from a whiteboard servlet", servlet.body());
        assertEquals("seen", servlet.headers().firstValue("X-Whiteboard-Filter").orElse("none"));
        assertEquals("seen", servlet.headers().firstValue("X-Whiteboard-Preprocessor").orElse("none"));

        HttpResponse<String> resource = http().get("/wb/static/note.txt");
        assertEquals(200, resource.statusCode());
        assertEquals("static text from the whiteboard", resource.body().trim());

        // a path no route and no whiteboard servlet knows: Graft's whiteboard servlet answers, filters apply
        HttpResponse<String> unknown = http().get("/nowhere");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body(), unknown.body().contains("\"error\":\"E_NO_ROUTE\""));
        assertEquals("seen", unknown.headers().firstValue("X-Whiteboard-Filter").orElse("none"));

        // route requests are taken before the whiteboard: its filters and preprocessors do not see them
        HttpResponse<String> route = http().get("/hello");
        assertEquals("hello from 1.0.0", route.body());
        assertFalse(route.headers().firstValue("X-Whiteboard-Filter").isPresent());
        assertFalse(route.headers().firstValue("X-Whiteboard-Preprocessor").isPresent());

        whiteboard.uninstall();
        http().await("/wb/hello", status(404), WAIT);
        assertEquals("hello from 1.0.0", http().get("/hello").body());
    }

    @Test
    public void bodiesBothWaysQueryParametersAndHeadPassStraightThrough() throws Exception {
        context.registerService(RouteHandler.class, (request, response) -> {
            byte[] piece = request.body().readAllBytes();
            int times = Integer.parseInt(request.queryParameter("times").orElse("1"));
            response.header("Content-Type", "application/octet-stream");
            try (OutputStream out = response.body()) {
                for (int i = 0; i < times; i++) {
                    out.write(piece);
                }
            }
        }, route("POST", "/repeat"));
        context.registerService(RouteHandler.class, (request, response) -> response.text("x".repeat(40_000)),
                route("GET", "/big"));
        http().await("/big", status(200), WAIT);

        String piece = "0123456789abcdef-";
        HttpResponse<String> repeated = http().send("POST", "/repeat?times=5000", piece);
        assertEquals(200, repeated.statusCode());
        assertEquals(piece.repeat(5000), repeated.body()); // larger than the exchange's 16 KB buffer
        assertEquals("application/octet-stream", repeated.headers().firstValue("Content-Type").orElse(null));

        HttpResponse<String> big = http().get("/big");
        assertEquals(40_000, big.body().getBytes(StandardCharsets.UTF_8).length);
        HttpResponse<String> head = http().send("HEAD", "/big", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("40000", head.headers().firstValue("Content-Length").orElse(null));
        assertTrue(head.headers().firstValue("Graft-Module").isPresent());
    }

    private static Hashtable<String, Object> route(String method, String path) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RouteHandler.METHOD, method);
        properties.put(RouteHandler.PATH, path);
        return properties;
    }

    @Test
    public void routePhaseMiddlewareSeesTheChosenRouteAndHandsValuesToIt() throws Exception {
        Hashtable<String, Object> routeProperties = new Hashtable<>();
        routeProperties.put(RouteHandler.METHOD, "GET");
        routeProperties.put(RouteHandler.PATH, "/orders/{id}");
        routeProperties.put("orders.tier", "gold"); // a property with no meaning to Graft (auth.roles would now require credentials)
        context.registerService(RouteHandler.class, (request, response) -> response.text("order "
                + request.pathParameter("id") + " for " + request.attribute("test.principal").orElse("nobody")),
                routeProperties);
        http().await("/orders/7", status(200), WAIT);

        List<String> seen = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> routePhase = new Hashtable<>();
        routePhase.put(MiddlewarePhase.PROPERTY, MiddlewarePhase.ROUTE);
        context.registerService(Middleware.class, (exchange, chain) -> {
            RouteInfo route = exchange.route().orElseThrow();
            seen.add(route.method() + " " + route.template() + " " + route.properties().get("orders.tier") + " "
                    + exchange.request().pathParameter("id"));
            exchange.attribute("test.principal", "ann");
            chain.proceed();
        }, routePhase);
        Hashtable<String, Object> requestPhase = new Hashtable<>();
        context.registerService(Middleware.class, (exchange, chain) -> {
            seen.add("request phase, route chosen: " + exchange.route().isPresent());
            chain.proceed();
            seen.add("after: " + exchange.servedBy().orElse("none"));
        }, requestPhase);

        HttpResponse<String> response = http().get("/orders/7");
        assertEquals("order 7 for ann", response.body());
        assertEquals(List.of("request phase, route chosen: false", "GET /orders/{id} gold 7",
                "after: " + context.getBundle().getSymbolicName() + "/" + context.getBundle().getVersion()), seen);

        // route-phase middleware does not run for requests no route serves; request-phase does
        seen.clear();
        assertEquals(404, http().get("/nowhere").statusCode());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the 404 may reach the client before the middleware's own code after it ends
        }
        assertEquals(List.of("request phase, route chosen: false", "after: none"), seen);
    }

    @Test
    public void rejectedRoutesAndConfigurationsAreKeptAsFailureState() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        Hashtable<String, Object> bad = new Hashtable<>();
        bad.put(RouteHandler.METHOD, "GET");
        bad.put(RouteHandler.PATH, "no-leading-slash");
        var registration = context.registerService(RouteHandler.class, (request, response) -> response.text("x"), bad);
        ConfigurationAdmin configurations = awaitService(ConfigurationAdmin.class, WAIT);
        Hashtable<String, Object> canary = new Hashtable<>();
        canary.put("target", "hello");
        canary.put("weights", "1.0.0=lots");
        configurations.getFactoryConfiguration(RouteAdmin.CANARY_FACTORY_PID, "broken", "?").update(canary);

        RouteAdmin admin = awaitService(RouteAdmin.class, WAIT);
        List<FailureDTO> failures = awaitFailures(admin, 2);
        assertTrue(failures.toString(), failures.stream().anyMatch(f -> f.code.equals("E_ROUTE_INVALID")
                && f.subject.startsWith("route service ") && f.message.contains("no-leading-slash")));
        assertTrue(failures.toString(), failures.stream().anyMatch(f -> f.code.equals("E_CONFIG_INVALID")
                && f.subject.contains(RouteAdmin.CANARY_FACTORY_PID) && f.message.contains("lots")));
        String routes = shell("graft:routes");
        assertTrue(routes, routes.contains("E_ROUTE_INVALID") && routes.contains("E_CONFIG_INVALID"));

        registration.unregister();
        assertTrue(admin.failures().stream().noneMatch(f -> f.code.equals("E_ROUTE_INVALID")));
    }

    private List<FailureDTO> awaitFailures(RouteAdmin admin, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<FailureDTO> failures = admin.failures();
        while (failures.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            failures = admin.failures();
        }
        return failures;
    }
}
