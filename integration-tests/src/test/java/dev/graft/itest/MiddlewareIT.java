package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.graft.api.middleware.Middleware;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteListener;
import dev.graft.api.route.dto.RouteDTO;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/** Middleware contributed as services: order, scope, short-circuit, after-the-route, failures, lifecycle. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class MiddlewareIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ServiceRegistration<Middleware> middleware(int order, int ranking, String pattern, Middleware m) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Middleware.ORDER, order);
        properties.put(Constants.SERVICE_RANKING, ranking);
        properties.put(Middleware.PATTERN, pattern);
        return context.registerService(Middleware.class, m, properties);
    }

    /** Marks the response with an X-Trace-name header on the way in. */
    private static Middleware tracing(String name) {
        return (exchange, chain) -> {
            exchange.response().header("X-Trace-" + name, "seen");
            chain.proceed();
        };
    }

    @Test
    public void middlewareRunsInOrderThenRankingAndOnlyForItsPattern() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        List<String> calls = new CopyOnWriteArrayList<>();
        middleware(20, 0, "/*", (e, c) -> { calls.add("c"); c.proceed(); });
        middleware(10, 0, "/*", (e, c) -> { calls.add("b"); c.proceed(); });
        middleware(10, 5, "/*", (e, c) -> { calls.add("a"); c.proceed(); });
        middleware(0, 0, "/echo/*", (e, c) -> { calls.add("echo-only"); c.proceed(); });

        assertEquals("hello from 1.0.0", http().get("/hello").body());
        assertEquals(List.of("a", "b", "c"), calls);
        calls.clear();
        assertEquals("x", http().get("/echo/x").body());
        assertEquals(List.of("echo-only", "a", "b", "c"), calls);
    }

    @Test
    public void middlewareCanAnswerWithoutTheRouteAndSeeTheOutcomeAfterIt() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        List<String> after = new CopyOnWriteArrayList<>();
        middleware(0, 0, "/*", (exchange, chain) -> {
            if (exchange.request().header("X-Key").isEmpty()) {
                exchange.response().status(401).json("{\"error\":\"E_UNAUTHORIZED\"}");
                return; // short-circuit: the route never runs
            }
            exchange.response().header("X-Checked", "yes");
            chain.proceed();
            after.add(exchange.status() + " " + exchange.servedBy().orElse("none") + " " + (exchange.elapsedNanos() > 0));
        });

        HttpResponse<String> rejected = http().get("/hello");
        assertEquals(401, rejected.statusCode());
        assertEquals("{\"error\":\"E_UNAUTHORIZED\"}", rejected.body());
        assertFalse(rejected.headers().firstValue("Graft-Module").isPresent());

        HttpResponse<String> allowed = http().get("/hello", "X-Key", "k");
        assertEquals(200, allowed.statusCode());
        assertEquals("yes", allowed.headers().firstValue("X-Checked").orElse(null));
        HttpResponse<String> missing = http().get("/nowhere", "X-Key", "k");
        assertEquals(404, missing.statusCode());
        // the client may have its response before the server thread leaves the middleware
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (after.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("200 dev.graft.examples.hello/1.0.0 true", "404 none true"), after);
    }

    @Test
    public void aMiddlewareThatThrowsIs500NamingItsModuleAndOtherPathsKeepAnswering() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        middleware(0, 0, "/echo/*", (exchange, chain) -> {
            throw new IllegalStateException("middleware boom");
        });
        HttpResponse<String> failed = http().get("/echo/x");
        assertEquals(500, failed.statusCode());
        assertEquals("application/json", failed.headers().firstValue("Content-Type").orElse(null));
        String module = context.getBundle().getSymbolicName() + "/" + context.getBundle().getVersion();
        assertTrue(failed.body(), failed.body().startsWith("{\"error\":\"E_MIDDLEWARE_FAILED\""));
        assertTrue(failed.body(), failed.body().contains("failed (java.lang.IllegalStateException); see the log"));
        assertFalse("the exception's own message stays in the log", failed.body().contains("middleware boom"));
        assertTrue(failed.body(), failed.body().endsWith("\"module\":\"" + module + "\"}"));
        assertEquals("hello from 1.0.0", http().get("/hello").body());
    }

    @Test
    public void middlewareAddedDuringARequestTakesEffectFromTheNextOne() throws Exception {
        http().await("/hello", status(200), WAIT);
        HeldRoute slow = new HeldRoute(context, "GET", "/slow", "slow done");

        CompletableFuture<HttpResponse<String>> pending = http().getAsync("/slow");
        slow.awaitInside();
        middleware(0, 0, "/*", tracing("late"));
        slow.release();

        HttpResponse<String> during = pending.get(10, TimeUnit.SECONDS);
        assertEquals("slow done", during.body());
        assertFalse(during.headers().firstValue("X-Trace-late").isPresent());
        assertEquals("seen", http().get("/hello").headers().firstValue("X-Trace-late").orElse(null));
    }

    @Test
    public void routeListenersHearRoutesComeAndGo() throws Exception {
        http().await("/hello", status(200), WAIT);
        List<String> events = new CopyOnWriteArrayList<>();
        context.registerService(RouteListener.class, new RouteListener() {
            @Override
            public void routeAdded(RouteDTO route) {
                events.add("added " + route.method + " " + route.path + " " + route.module + ":" + route.version);
            }

            @Override
            public void routeRemoved(RouteDTO route) {
                events.add("removed " + route.method + " " + route.path + " " + route.module + ":" + route.version);
            }
        }, null);
        installed(ECHO).stop();
        installed(ECHO).start();
        assertEquals(events.toString(), 4, events.size());
        assertEquals(List.of(
                "removed GET /echo/{word} dev.graft.examples.echo:1.0.0",
                "removed POST /echo dev.graft.examples.echo:1.0.0",
                "added GET /echo/{word} dev.graft.examples.echo:1.0.0",
                "added POST /echo dev.graft.examples.echo:1.0.0"), sortedWithin(events));
    }

    // the order of a module's routes within one stop or start follows its components, not a contract
    private static List<String> sortedWithin(List<String> events) {
        List<String> removed = events.subList(0, 2).stream().sorted().toList();
        List<String> added = events.subList(2, 4).stream().sorted().toList();
        return java.util.stream.Stream.concat(removed.stream(), added.stream()).toList();
    }

    static Hashtable<String, Object> route(String method, String path) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RouteHandler.METHOD, method);
        properties.put(RouteHandler.PATH, path);
        return properties;
    }
}
