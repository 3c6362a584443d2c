package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.route.RouteHandler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Hashtable;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/** Routes served from modules, as a client sees them, while modules start and stop. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RoutingIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    public void helloAnswersWithItsVersionAndNamesTheModule() throws Exception {
        HttpResponse<String> response = http().await("/hello", status(200), WAIT);
        assertEquals("hello from 1.0.0", response.body());
        assertEquals("dev.graft.examples.hello/1.0.0", response.headers().firstValue("Graft-Module").orElse(null));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

        HttpResponse<String> named = http().get("/hello/ann");
        assertEquals(200, named.statusCode());
        assertEquals("hello, ann", named.body());
    }

    @Test
    public void stoppingTheModuleWithdrawsItsRoutesAndStartingItBringsThemBack() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        Bundle hello = installed(HELLO);

        hello.stop();
        HttpResponse<String> gone = http().await("/hello", status(404), WAIT);
        assertEquals("application/json", gone.headers().firstValue("Content-Type").orElse(null));
        assertEquals("{\"error\":\"E_NO_ROUTE\",\"message\":\"no route for GET /hello\"}", gone.body());
        assertEquals(404, http().get("/hello/ann").statusCode());

        hello.start();
        http().await("/hello", body("hello from 1.0.0"), WAIT);
    }

    @Test
    public void twoModulesRoutesCoexist() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        HttpResponse<String> echo = http().await("/echo/word", status(200), WAIT);
        assertEquals("word", echo.body());
        assertEquals("dev.graft.examples.echo/1.0.0", echo.headers().firstValue("Graft-Module").orElse(null));

        HttpResponse<String> posted = http().send("POST", "/echo", "ping");
        assertEquals(200, posted.statusCode());
        assertEquals("ping", posted.body());

        installed(ECHO).stop();
        http().await("/echo/word", status(404), WAIT);
        assertEquals("hello from 1.0.0", http().get("/hello").body());
    }

    @Test
    public void wrongMethodIs405WithAllow() throws Exception {
        http().await("/echo/word", status(200), WAIT);
        HttpResponse<String> response = http().get("/echo");
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
        assertTrue(response.body(), response.body().contains("\"error\":\"E_METHOD_NOT_ALLOWED\""));

        HttpResponse<String> delete = http().send("DELETE", "/hello", null);
        assertEquals(405, delete.statusCode());
        assertEquals("GET, HEAD", delete.headers().firstValue("Allow").orElse(null));
    }

    @Test
    public void aRouteServiceAppearsAndDisappearsLive() throws Exception {
        http().await("/hello", status(200), WAIT);
        assertEquals(404, http().get("/live/x").statusCode());

        ServiceRegistration<RouteHandler> registration = context.registerService(RouteHandler.class,
                (request, response) -> response.status(201).text("live " + request.pathParameter("id")),
                properties("PUT", "/live/{id}"));
        HttpResponse<String> created = http().send("PUT", "/live/x", "");
        assertEquals(201, created.statusCode());
        assertEquals("live x", created.body());

        registration.unregister();
        assertEquals(404, http().send("PUT", "/live/x", "").statusCode());
    }

    @Test
    public void aThrowingRouteIs500NamingTheModuleAndOthersKeepServing() throws Exception {
        http().await("/hello", status(200), WAIT);
        ServiceRegistration<RouteHandler> registration = context.registerService(RouteHandler.class,
                (request, response) -> {
                    throw new IllegalStateException("boom");
                }, properties("GET", "/broken"));
        try {
            HttpResponse<String> response = http().get("/broken");
            assertEquals(500, response.statusCode());
            String module = context.getBundle().getSymbolicName() + "/" + context.getBundle().getVersion();
            assertTrue(response.body(), response.body().startsWith("{\"error\":\"E_ROUTE_FAILED\""));
            assertTrue(response.body(), response.body().contains("\"module\":\"" + module + "\""));
            assertTrue(response.body(), response.body().contains("failed (java.lang.IllegalStateException); see the log"));
            assertEquals("hello from 1.0.0", http().get("/hello").body());
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void anotherModuleClaimingARouteDoesNotTakeItOver() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        ServiceRegistration<RouteHandler> registration = context.registerService(RouteHandler.class,
                (request, response) -> response.text("impostor"), properties("GET", "/hello"));
        try {
            HttpResponse<String> response = http().get("/hello");
            assertEquals("hello from 1.0.0", response.body());
            assertEquals("dev.graft.examples.hello/1.0.0", response.headers().firstValue("Graft-Module").orElse(null));

            // once the owner leaves, the waiting route serves
            installed(HELLO).stop();
            assertEquals("impostor", http().await("/hello", status(200), WAIT).body());
        } finally {
            registration.unregister();
        }
    }

    private static Hashtable<String, Object> properties(String method, String path) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RouteHandler.METHOD, method);
        properties.put(RouteHandler.PATH, path);
        return properties;
    }
}
