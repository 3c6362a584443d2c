package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;

/** Withdrawing a route drains it; updating its module holds new requests until it is back, within a bound. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class NoLostRequestIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    public void aRequestInsideAWithdrawnRouteFinishes() throws Exception {
        http().await("/hello", status(200), WAIT);
        HeldRoute work = new HeldRoute(context, "GET", "/work", "finished");

        CompletableFuture<HttpResponse<String>> pending = http().getAsync("/work");
        work.awaitInside();
        CompletableFuture<Void> withdrawal = CompletableFuture.runAsync(work.registration()::unregister);
        Thread.sleep(300);
        assertTrue("the withdrawal did not wait for the request inside", !withdrawal.isDone());
        assertEquals("a new request reached the withdrawn route", 404, http().get("/work").statusCode());

        work.release();
        HttpResponse<String> finished = pending.get(10, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode());
        assertEquals("finished", finished.body());
        withdrawal.get(10, TimeUnit.SECONDS);
    }

    /** Updates the bundle from each jar in turn (as deploy/ does: update, then refresh). */
    private void updateFrom(Bundle bundle, Path... jars) throws Exception {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        for (Path jar : jars) {
            Thread.sleep(200);
            try (InputStream in = Files.newInputStream(jar)) {
                bundle.update(in);
            }
            CountDownLatch refreshed = new CountDownLatch(1);
            wiring.refreshBundles(List.of(bundle), event -> refreshed.countDown());
            assertTrue(refreshed.await(10, TimeUnit.SECONDS));
        }
    }

    private static Path example(String jar) {
        return distribution().resolve("examples").resolve(jar);
    }

    @Test
    public void updatingAModuleUnderLoadLosesNoRequest() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        Load load = load(8, "/hello");
        updateFrom(installed(HELLO), example("hello-1.1.0.jar"), example("hello-2.0.0.jar"), example("hello-1.1.0.jar"));
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        Thread.sleep(200);
        load.stopAndCheck("during 3 updates", "200 hello from 1.0.0", "200 hello from 1.1.0", "200 hello from 2.0.0");
    }

    @Test
    public void aClientAskingForTheVersionBeingUpdatedWaitsForItWhileAnotherVersionServes() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        Bundle one = installed(HELLO);
        installExample("hello-2.0.0.jar");
        http().await("/hello", body("hello from 2.0.0"), WAIT);
        Load pinned = load(4, "/hello", "X-API-Version", "1");
        Load unpinned = load(4, "/hello");
        updateFrom(one, example("hello-1.1.0.jar"), distribution().resolve("deploy/hello.jar"), example("hello-1.1.0.jar"));
        http().await("/hello", body("hello from 1.1.0"), WAIT, "X-API-Version", "1");
        Thread.sleep(200);
        pinned.stopAndCheck("to X-API-Version: 1 during 3 updates of 1.x", "200 hello from 1.0.0", "200 hello from 1.1.0");
        unpinned.stopAndCheck("without a version during 3 updates of 1.x", "200 hello from 2.0.0");
    }

    @Test
    public void aModuleThatDoesNotComeBackIs503WithRetryAfterOnceTheHoldEnds() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        configure("dev.graft.routing", "hold.millis", "1500");
        Thread.sleep(200);
        Bundle hello = installed(HELLO);
        installed(ECHO).uninstall(); // so that hello can become echo
        // the "new version" is another module: /hello does not come back
        try (InputStream in = Files.newInputStream(distribution().resolve("examples/echo-1.0.0.jar"))) {
            hello.update(in);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http().get("/hello");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(response.body(), 503, response.statusCode());
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals("{\"error\":\"E_UNAVAILABLE\",\"message\":\"GET /hello is being updated and did not come back in"
                + " time; try again\"}", response.body());
        assertTrue("answered after " + waited + " ms", waited >= 1000 && waited < 5000);
        // once the hold is over, the route is simply gone
        http().await("/hello", status(404), WAIT);
    }

    @Test
    public void aPlainStopIs404AtOnceNotAHold() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        installed(HELLO).stop();
        long start = System.nanoTime();
        assertEquals(404, http().get("/hello").statusCode());
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("a stopped module held requests for " + waited + " ms", waited < 1000);
    }
}
