package dev.graft.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.health.HealthCheck;
import dev.graft.api.health.HealthResult;
import dev.graft.itest.fixtures.BlockingActivateRoute;
import dev.graft.itest.fixtures.ModuleJars;
import dev.graft.itest.fixtures.VersionRoute;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.Collector;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Issue "Metrics and health": {@code /metrics} scraped after known traffic and read with a strict
 * text-format checker ({@link Exposition}); {@code /health/ready} while modules stop and
 * deployments run; health checks that hang; the shell's tables.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class MetricsIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The tests of this class share one graft.home (see {@link DeployFolder#clear}). */
    @org.junit.Before
    public void freshDeployFolder() throws Exception {
        DeployFolder.clear(java.nio.file.Path.of(context.getProperty("graft.home")));
    }

    private Exposition scrape() throws Exception {
        HttpResponse<String> response = http().get("/metrics");
        assertEquals(response.body(), 200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        return Exposition.parse(response.body());
    }

    @Test
    public void countsPerVersionEqualTheRequestsSentAndHistogramsAreCumulative() throws Exception {
        installExample("hello-2.0.0.jar");
        http().await("/hello", r -> r.statusCode() == 200, WAIT, "X-API-Version", "2");
        Exposition before = scrape();
        for (int i = 0; i < 7; i++) {
            assertEquals(200, http().get("/hello", "X-API-Version", "1").statusCode());
        }
        for (int i = 0; i < 12; i++) {
            assertEquals(200, http().get("/hello", "X-API-Version", "2").statusCode());
        }
        for (int i = 0; i < 3; i++) { // a version that does not exist: no route serves it
            assertEquals(404, http().get("/hello", "X-API-Version", "9").statusCode());
        }
        Exposition after = scrape();
        String[] v1 = {"route", "/hello", "method", "GET", "status", "2xx", "module", HELLO, "version", "1.0.0"};
        String[] v2 = {"route", "/hello", "method", "GET", "status", "2xx", "module", HELLO, "version", "2.0.0"};
        assertEquals(7, after.value("graft_http_requests_total", v1) - before.value("graft_http_requests_total", v1), 0);
        assertEquals(12, after.value("graft_http_requests_total", v2) - before.value("graft_http_requests_total", v2), 0);
        assertEquals(3, after.value("graft_http_unrouted_requests_total", "status", "4xx")
                - before.value("graft_http_unrouted_requests_total", "status", "4xx"), 0);
        assertEquals("counter", after.types.get("graft_http_requests_total"));
        assertEquals("histogram", after.types.get("graft_http_request_duration_seconds"));
        // _count of the latency histogram is the number of requests of that version
        String[] h2 = {"route", "/hello", "method", "GET", "module", HELLO, "version", "2.0.0"};
        assertEquals(after.value("graft_http_requests_total", v2),
                after.value("graft_http_request_duration_seconds_count", h2), 0);
        List<Exposition.Sample> buckets = after.find("graft_http_request_duration_seconds_bucket", h2);
        assertEquals("sub-millisecond to seconds: " + buckets, "1.0E-4", buckets.get(0).labels().get("le"));
        assertEquals(0, after.value("graft_http_requests_in_flight", h2), 0);
        assertEquals(0, after.value("graft_http_request_errors_total", h2), 0);
        // JVM metrics from the client's standard instrumentation
        assertTrue(after.types.containsKey("jvm_memory_used_bytes"));
        assertTrue(after.types.containsKey("jvm_threads_current"));
        assertTrue(after.types.containsKey("jvm_classes_currently_loaded"));
        assertTrue(after.value("graft_routes", "state", "ACTIVE") >= 4);
    }

    @Test
    public void openMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> response = http().get("/metrics", "Accept",
                "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse(""), response.headers()
                .firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(response.body().endsWith("# EOF\n"));
    }

    @Test
    public void tenThousandRawPathsUnderOneTemplateAddOneLabelSet() throws Exception {
        http().await("/hello/x", r -> r.statusCode() == 200, WAIT);
        Exposition before = scrape();
        int seriesBefore = before.samples.size();
        // what the wait above sent is counted already: it may be more than one request (it polls)
        List<Exposition.Sample> counted = before.find("graft_http_requests_total", "route", "/hello/{name}");
        assertEquals("one label set for the template before: " + counted, 1, counted.size());
        List<CompletableFuture<Integer>> sent = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 10_000; i++) {
                String path = "/hello/user" + i;
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return http().get(path).statusCode();
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, clients));
            }
            for (CompletableFuture<Integer> each : sent) {
                assertEquals(200, (int) each.get());
            }
        } finally {
            clients.shutdown();
        }
        Exposition after = scrape();
        List<Exposition.Sample> series = after.find("graft_http_requests_total", "route", "/hello/{name}");
        assertEquals("one label set for the template: " + series, 1, series.size());
        assertEquals("requests counted for the template beyond those before", 10_000,
                series.get(0).value() - counted.get(0).value(), 0);
        Set<String> raw = new HashSet<>();
        after.samples.forEach(s -> s.labels().values().stream().filter(v -> v.startsWith("/hello/user")).forEach(raw::add));
        assertEquals("no raw path in any label", Set.of(), raw);
        assertTrue("the exposition grew by " + (after.samples.size() - seriesBefore) + " samples",
                after.samples.size() - seriesBefore < 60);
    }

    @Test
    public void moduleStateFlipsAndReadinessFollowsWhenAModuleStops() throws Exception {
        DeployFolder deploy = deployFolder();
        deploy.drop("state.jar", ModuleJars.module("it.metrics.state", "1.0.0")
                .routeComponent(VersionRoute.class, "/state").bytes());
        deploy.awaitOutcome("state.jar", "DEPLOYED", WAIT);
        HttpResponse<String> ready = http().await("/health/ready", r -> r.statusCode() == 200, WAIT);
        assertTrue(ready.body(), ready.body().contains("{\"name\":\"it.metrics.state\",\"version\":\"1.0.0\",\"state\":\"ACTIVE\""));
        String[] active = {"module", "it.metrics.state", "version", "1.0.0", "state", "ACTIVE"};
        String[] stopped = {"module", "it.metrics.state", "version", "1.0.0", "state", "STOPPED"};
        assertEquals(1, scrape().value("graft_module_state", active), 0);
        assertEquals(0, scrape().value("graft_module_state", stopped), 0);

        assertEquals(200, http().get("/state").statusCode());
        assertEquals(1, scrape().value("graft_http_requests_total", "module", "it.metrics.state"), 0);

        Bundle module = installed("it.metrics.state");
        module.stop();
        Exposition whileStopped = scrape();
        // the stopped version's request series end with it
        assertEquals(List.of(), whileStopped.find("graft_http_requests_total", "module", "it.metrics.state"));
        assertEquals(0, whileStopped.value("graft_module_state", active), 0);
        assertEquals(1, whileStopped.value("graft_module_state", stopped), 0);
        HttpResponse<String> notReady = http().get("/health/ready");
        assertEquals(notReady.body(), 503, notReady.statusCode());
        assertTrue(notReady.body(), notReady.body().contains("it.metrics.state:1.0.0 is STOPPED"));
        assertEquals(200, http().get("/health/live").statusCode());
        assertTrue(shell("graft:health"), shell("graft:health").contains("NOT READY"));

        module.start();
        http().await("/health/ready", r -> r.statusCode() == 200, WAIT);
        assertEquals(1, scrape().value("graft_module_state", active), 0);
        String table = shell("graft:metrics graft_module_state");
        assertTrue(table, table.contains("graft_module_state") && table.contains("module=it.metrics.state state=ACTIVE version=1.0.0"));
    }

    @Test
    public void notReadyWhileADeploymentIsInProgress() throws Exception {
        configure(dev.graft.api.deploy.DeploymentService.PID, "health.timeout.millis", "3000");
        DeployFolder deploy = deployFolder();
        http().await("/health/ready", r -> r.statusCode() == 200, WAIT);
        deploy.drop("blocking.jar", ModuleJars.module("it.metrics.blocking", "1.0.0")
                .routeComponent(BlockingActivateRoute.class, "/blocking").bytes());
        HttpResponse<String> during = http().await("/health/ready", r -> r.statusCode() == 503, WAIT);
        assertTrue(during.body(), during.body().contains("queued or running"));
        // it fails in time (E_TIMEOUT); a module that should run and does not keeps Graft not ready
        deploy.awaitOutcome("blocking.jar", "FAILED", Duration.ofSeconds(30));
        http().await("/health/ready", r -> r.statusCode() == 503 && r.body().contains("it.metrics.blocking is FAILED"),
                Duration.ofSeconds(30));
        java.nio.file.Files.delete(deploy.path("blocking.jar"));
        http().await("/health/ready", r -> r.statusCode() == 200, Duration.ofSeconds(30));
        Exposition metrics = scrape();
        assertEquals(1, metrics.value("graft_deployments_total", "outcome", "FAILED", "failure_code", "E_TIMEOUT"), 0);
        assertEquals(0, metrics.value("graft_deployments_pending"), 0);
    }

    @Test
    public void aHangingHealthCheckTimesOutWithinItsBound() throws Exception {
        http().await("/health/ready", r -> r.statusCode() == 200, WAIT);
        CountDownLatch release = new CountDownLatch(1);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, "hangs");
        properties.put(HealthCheck.TIMEOUT_MILLIS, 300L);
        ServiceRegistration<HealthCheck> hanging = context.registerService(HealthCheck.class, () -> {
            release.await();
            return HealthResult.healthy("released");
        }, properties);
        Hashtable<String, Object> healthy = new Hashtable<>();
        healthy.put(HealthCheck.NAME, "fine");
        ServiceRegistration<HealthCheck> fine = context.registerService(HealthCheck.class,
                () -> HealthResult.healthy("all good"), healthy);
        try {
            for (int i = 0; i < 3; i++) { // the check still hangs: later calls are bounded too
                long started = System.nanoTime();
                HttpResponse<String> response = http().get("/health/ready");
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(response.body(), 503, response.statusCode());
                assertTrue(response.body(), response.body().contains("\"name\":\"hangs\"") && response.body()
                        .contains("timed out after 300 ms"));
                assertTrue(response.body(), response.body().contains("{\"name\":\"fine\"") && response.body().contains("all good"));
                assertTrue("answered in " + millis + " ms", millis < 2_000);
            }
            release.countDown();
            http().await("/health/ready", r -> r.statusCode() == 200, WAIT);
        } finally {
            release.countDown();
            hanging.unregister();
            fine.unregister();
        }
    }

    @Test
    public void aModuleRegistersItsOwnMetricsAndTheyVanishWithIt() throws Exception {
        Counter orders = Counter.builder().name("it_orders").help("orders taken").labelNames("kind").build();
        orders.labelValues("book").inc(3);
        ServiceRegistration<Collector> registration = context.registerService(Collector.class, orders, null);
        Exposition with = scrape();
        assertEquals(3, with.value("it_orders_total", "kind", "book"), 0);
        registration.unregister();
        assertTrue(scrape().find("it_orders_total").isEmpty());
    }

    @Test
    public void shellHealthAndMetricsHaveHelp() throws Exception {
        assertTrue(shell("graft:health --help").contains("graft:health"));
        assertTrue(shell("graft:metrics --help").contains("name-filter"));
        String table = shell("graft:metrics jvm_threads_current");
        assertTrue(table, table.startsWith("NAME") && table.contains("jvm_threads_current"));
        assertTrue(shell("graft:metrics no_such_metric_anywhere").contains("no metric name contains 'no_such_metric_anywhere'"));
    }
}
