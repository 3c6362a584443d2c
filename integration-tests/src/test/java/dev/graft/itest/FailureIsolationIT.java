package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static dev.graft.itest.MiddlewareIT.route;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.dto.RouteDTO;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** A route that hangs or keeps failing, and routes that clash, never take other modules down. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class FailureIsolationIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private String probeModule() {
        return context.getBundle().getSymbolicName() + "/" + context.getBundle().getVersion();
    }

    @Test
    public void aHangingRouteIsCutOffWith504WhileOtherRoutesAnswer() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        configure("dev.graft.routing", "route.timeout.millis", "1000", "hold.millis", "5000", "drain.timeout.millis", "2000");
        // Configuration Admin applies it asynchronously: wait until a route taking 1.5 s is cut off
        context.registerService(RouteHandler.class, (request, response) -> Thread.sleep(1500), route("GET", "/slow"));
        http().await("/slow", status(504), WAIT);
        CountDownLatch never = new CountDownLatch(1);
        context.registerService(RouteHandler.class, (request, response) -> never.await(), route("GET", "/hang"));

        CompletableFuture<HttpResponse<String>> hanging = http().getAsync("/hang");
        // meanwhile the other modules answer at once
        for (int i = 0; i < 20; i++) {
            assertEquals("hello from 1.0.0", http().get("/hello").body());
        }
        HttpResponse<String> cut = hanging.get(10, TimeUnit.SECONDS);
        assertEquals(504, cut.statusCode());
        assertEquals(probeModule(), cut.headers().firstValue("Graft-Module").orElse(null));
        assertEquals("{\"error\":\"E_ROUTE_TIMEOUT\",\"message\":\"route GET /hang did not answer within 1000 ms\","
                + "\"module\":\"" + probeModule() + "\"}", cut.body());
        assertEquals("hello from 1.0.0", http().get("/hello").body());
    }

    @Test
    public void aRouteThatKeepsFailingOnlyFailsItself() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        context.registerService(RouteHandler.class, (request, response) -> {
            throw new NullPointerException("always broken");
        }, route("GET", "/always-broken"));
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> broken = http().get("/always-broken");
            assertEquals(500, broken.statusCode());
            assertTrue(broken.body(), broken.body().startsWith("{\"error\":\"E_ROUTE_FAILED\",\"message\":\"route GET"
                    + " /always-broken of " + probeModule().replace('/', ':') + " failed (java.lang.NullPointerException); see the log\""));
            assertEquals("hello from 1.0.0", http().get("/hello").body());
            assertEquals("x", http().get("/echo/x").body());
        }
    }

    @Test
    public void aConflictIsReportedWithItsCodeInTheApiAndTheShellAndTheEarlierRouteKeepsServing() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        context.registerService(RouteHandler.class, (request, response) -> response.text("impostor"),
                route("GET", "/hello/{who}"));
        assertEquals("hello, ann", http().get("/hello/ann").body());

        RouteDTO conflict = awaitService(RouteAdmin.class, WAIT).routes().stream()
                .filter(r -> RouteDTO.STATE_CONFLICT.equals(r.state)).findFirst()
                .orElseThrow(() -> new AssertionError("no route in CONFLICT state"));
        assertEquals("E_ROUTE_CONFLICT", conflict.failureCode);
        assertEquals("/hello/{who}", conflict.path);
        assertEquals("dev.graft.examples.hello:1.0.0 already serves GET /hello/{name}", conflict.failureReason);

        String routes = shell("graft:routes");
        assertTrue(routes, routes.contains("CONFLICT E_ROUTE_CONFLICT: dev.graft.examples.hello:1.0.0 already serves GET /hello/{name}"));
    }
}
