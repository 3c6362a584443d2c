package dev.graft.itest;

import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.itest.fixtures.SlowActivator;
import dev.graft.itest.fixtures.VersionRoute;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The built distribution says "Graft started" only when /health/ready says 200: every module in
 * deploy/ active and serving — here one that takes 4 s to start. Without the metrics bundle it
 * still starts, the router answering being the signal. And the line is not late: it comes at most
 * 100 ms after the last module in deploy/ serves.
 */
public class ReadinessStartupIT {

    @Test
    public void theStartUpLineComesOnlyOnceEveryModuleInDeployServes() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            Files.write(graft.home().resolve("deploy/slow.jar"), module("it.slow", "1.0.0")
                    .header("Bundle-Activator", SlowActivator.class.getName()).importPackage("org.osgi.framework")
                    .withClass(SlowActivator.class).routeComponent(VersionRoute.class, "/slow").bytes());
            // the shipped authentication denies paths without a policy: /slow is public, as the examples are
            Files.writeString(graft.home().resolve("etc/dev.graft.auth.policy-slow.cfg"), "pattern=/slow\naccess=anonymous\n");
            long started = System.nanoTime();
            graft.start();
            graft.awaitConsole("Graft started", 60);
            long millis = (System.nanoTime() - started) / 1_000_000;
            Http http = new Http(graft.port());
            // at the moment the line is printed, what deploy/ holds serves and the endpoint agrees
            HttpResponse<String> slow = http.get("/slow");
            assertEquals(slow.body(), 200, slow.statusCode());
            assertEquals("hello from 1.0.0", slow.body());
            assertEquals("hello from 1.0.0", http.get("/hello").body());
            HttpResponse<String> ready = http.get("/health/ready");
            assertEquals(ready.body(), 200, ready.statusCode());
            assertTrue(ready.body(), ready.body().contains("{\"name\":\"it.slow\",\"version\":\"1.0.0\",\"state\":\"ACTIVE\""));
            assertTrue("started after " + millis + " ms", millis >= SlowActivator.MILLIS);
        }
    }

    /**
     * From the launch on, one thread asks every deployed module's route, round after round, while
     * another follows the console. A request that found its route not serving was sent before all
     * served; the console shows the line no earlier than it was printed: the distance from the last
     * such request to the line bounds how late the line came. Every round begun after the line was
     * seen must find all routes serving.
     */
    @Test
    public void theStartUpLineComesAtMost100MsAfterEveryModuleServesAndNeverBefore() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            Path examples = graft.home().resolve("examples");
            Files.copy(examples.resolve("echo-1.0.0.jar"), graft.home().resolve("deploy/echo.jar"));
            Files.copy(examples.resolve("orders-1.0.0.jar"), graft.home().resolve("deploy/orders.jar"));
            Http http = new Http(graft.port());
            AtomicLong lineSeen = new AtomicLong();
            Thread console = new Thread(() -> followConsole(graft, lineSeen), "console-follower");
            console.setDaemon(true);
            graft.start();
            console.start();
            long lastNotServing = 0; // when the last request that found a route not serving was sent
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int rounds = 0;
            int roundsAfterLine = 0;
            while (roundsAfterLine < 20) {
                assertTrue("no start-up line within 60 s:\n" + graft.console(), System.nanoTime() < deadline);
                long line = lineSeen.get(); // before the round: a round begun after the line must succeed
                long notServing = sentToARouteNotServing(http);
                rounds++;
                if (line != 0) {
                    roundsAfterLine++;
                    assertTrue("a route did not serve after the start-up line:\n" + graft.console(), notServing == 0);
                } else if (notServing != 0) {
                    lastNotServing = notServing;
                }
                Thread.sleep(5); // a client asking often, not a load that slows the start it measures
            }
            assertTrue("every route served before Graft listened?", lastNotServing != 0);
            long lateMillis = TimeUnit.NANOSECONDS.toMillis(lineSeen.get() - lastNotServing);
            System.out.printf("start-up line seen at most %d ms after every module served (%d probe rounds)%n",
                    lateMillis, rounds);
            assertTrue("the start-up line came up to " + lateMillis + " ms after every module served", lateMillis <= 100);
        }
    }

    // asks hello (GET /hello), echo (POST /echo) and orders' public GET /catalog in turn; returns
    // when the first request that found its route not serving (or no answer) was sent, 0 if all served
    private static long sentToARouteNotServing(Http http) throws InterruptedException {
        String[][] requests = {{"GET", "/hello", null}, {"POST", "/echo", "ping"}, {"GET", "/catalog", null}};
        for (String[] request : requests) {
            long sent = System.nanoTime();
            try {
                if (http.send(request[0], request[1], request[2]).statusCode() != 200) {
                    return sent;
                }
            } catch (IOException e) {
                return sent; // not listening yet
            }
        }
        return 0;
    }

    // records the moment the console first shows "Graft started", looking every millisecond at what
    // was appended since the last look (reading the whole file each time would load the machine)
    private static void followConsole(GraftProcess graft, AtomicLong seen) {
        Path file = graft.home().resolve("console.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long read = 0;
        StringBuilder tail = new StringBuilder();
        try {
            while (System.nanoTime() < deadline) {
                long size = Files.exists(file) ? Files.size(file) : 0;
                if (size > read) {
                    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                        byte[] bytes = new byte[(int) (size - read)];
                        in.seek(read);
                        in.readFully(bytes);
                        read = size;
                        tail.append(new String(bytes, StandardCharsets.ISO_8859_1)); // the line is ASCII
                    }
                    if (tail.indexOf("Graft started") >= 0) {
                        seen.set(System.nanoTime());
                        return;
                    }
                    tail.delete(0, Math.max(0, tail.length() - "Graft started".length())); // a line split between reads
                }
                Thread.sleep(1);
            }
        } catch (IOException | InterruptedException e) {
            // the test's own deadline reports it
        }
    }

    @Test
    public void withoutTheMetricsBundleGraftStillStartsOnItsRouter() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            try (Stream<Path> jars = Files.list(graft.home().resolve("system/4"))) {
                for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith("metrics")).toList()) {
                    Files.delete(jar);
                }
            }
            graft.start();
            graft.awaitConsole("Graft started", 60);
            Http http = new Http(graft.port());
            assertEquals("hello from 1.0.0", http.get("/hello").body());
            HttpResponse<String> ready = http.get("/health/ready");
            assertEquals(404, ready.statusCode());
            assertTrue(ready.body(), ready.body().contains("E_NO_ROUTE"));
        }
    }
}
