package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static dev.graft.itest.MiddlewareIT.route;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.route.RouteHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Graft's routes are served straight from Felix HTTP's Jetty, ahead of the Servlet Whiteboard;
 * other paths still reach the whiteboard; {@code jetty.direct=false} puts routes back behind it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class JettyDirectIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Counts the requests the whiteboard sees, by path. */
    private final Map<String, AtomicInteger> seenByWhiteboard = new ConcurrentHashMap<>();

    private void watchTheWhiteboard() {
        context.registerService(Preprocessor.class, new Preprocessor() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws java.io.IOException,
                    jakarta.servlet.ServletException {
                String path = ((HttpServletRequest) request).getRequestURI();
                seenByWhiteboard.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                chain.doFilter(request, response);
            }
        }, new Hashtable<>());
    }

    private int seen(String path) {
        AtomicInteger count = seenByWhiteboard.get(path);
        return count == null ? 0 : count.get();
    }

    @Test
    public void routesAreServedAheadOfTheWhiteboardOtherPathsThroughIt() throws Exception {
        watchTheWhiteboard();
        http().await("/nothing-here", r -> seen("/nothing-here") > 0, WAIT); // the preprocessor is in place

        HttpResponse<String> hello = http().get("/hello");
        assertEquals(200, hello.statusCode());
        assertEquals("hello from 1.0.0", hello.body());
        assertEquals("dev.graft.examples.hello/1.0.0", hello.headers().firstValue("Graft-Module").orElse(null));
        assertEquals("the whiteboard saw a request for a route", 0, seen("/hello"));

        int before = seen("/nothing-here");
        HttpResponse<String> none = http().get("/nothing-here");
        assertEquals(404, none.statusCode());
        assertEquals("{\"error\":\"E_NO_ROUTE\",\"message\":\"no route for GET /nothing-here\"}", none.body());
        assertEquals(before + 1, seen("/nothing-here"));
    }

    @Test
    public void withJettyDirectOffRoutesGoThroughTheWhiteboard() throws Exception {
        watchTheWhiteboard();
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        configure("dev.graft.routing", "jetty.direct", "false");
        http().await("/hello", r -> seen("/hello") > 0, WAIT);

        int before = seen("/hello");
        HttpResponse<String> hello = http().get("/hello");
        assertEquals("hello from 1.0.0", hello.body());
        assertEquals("dev.graft.examples.hello/1.0.0", hello.headers().firstValue("Graft-Module").orElse(null));
        assertEquals(before + 1, seen("/hello"));

        configure("dev.graft.routing", "jetty.direct", "true");
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean direct = false;
        while (!direct && System.nanoTime() < deadline) {
            int seenBefore = seen("/hello");
            assertEquals(200, http().get("/hello").statusCode());
            direct = seen("/hello") == seenBefore;
            Thread.sleep(50);
        }
        assertTrue("routes did not leave the whiteboard after jetty.direct=true", direct);
    }

    @Test
    public void whenFelixHttpStartsANewJettyServerRoutesMoveToItToo() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        configure("org.apache.felix.http", "org.apache.felix.http.session.timeout", "7"); // Felix HTTP restarts Jetty
        Thread.sleep(1000);
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        watchTheWhiteboard();
        http().await("/nothing-here", r -> seen("/nothing-here") > 0, WAIT);

        assertEquals(200, http().get("/hello").statusCode());
        assertEquals("the new server's whiteboard saw a request for a route", 0, seen("/hello"));
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
        assertEquals(piece.length() * 5000, repeated.body().length());
        assertEquals(piece.repeat(5000), repeated.body());
        assertEquals("application/octet-stream", repeated.headers().firstValue("Content-Type").orElse(null));

        HttpResponse<String> big = http().get("/big");
        assertEquals(40_000, big.body().getBytes(StandardCharsets.UTF_8).length);
        HttpResponse<String> head = http().send("HEAD", "/big", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("40000", head.headers().firstValue("Content-Length").orElse(null));
        assertTrue(head.headers().firstValue("Graft-Module").isPresent());
    }
}
