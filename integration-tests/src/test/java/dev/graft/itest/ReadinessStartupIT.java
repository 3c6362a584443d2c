package dev.graft.itest;

import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.itest.fixtures.SlowActivator;
import dev.graft.itest.fixtures.VersionRoute;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The built distribution says "Graft started" only when /health/ready says 200: every module in
 * deploy/ active and serving — here one that takes 4 s to start. Without the metrics bundle it
 * still starts, the router answering being the signal.
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
