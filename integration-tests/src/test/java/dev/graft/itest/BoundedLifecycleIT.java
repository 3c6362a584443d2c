package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertTrue;

import dev.graft.itest.fixtures.BlockingActivateRoute;
import dev.graft.itest.fixtures.ModuleJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.Test;

/**
 * A module whose component blocks a minute in activate, on the built distribution: it fails its
 * deployment in time (E_TIMEOUT), other modules deploy meanwhile as fast as usual, and SIGTERM still
 * ends Graft within 10 s.
 */
public class BoundedLifecycleIT {

    @Test
    public void aComponentBlockingInActivateHoldsUpNeitherOtherDeploymentsNorTheShutdown() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            Files.writeString(graft.home().resolve("etc/dev.graft.deploy.cfg"), "\nhealth.timeout.millis=5000\n",
                    StandardOpenOption.APPEND);
            graft.start();
            Http http = new Http(graft.port());
            http.await("/hello", body("hello from 1.0.0"), Duration.ofSeconds(30));
            Path deploy = graft.home().resolve("deploy");

            Files.write(graft.home().resolve("blocking.tmp"), ModuleJars.module("demo.blocking", "1.0.0")
                    .routeComponent(BlockingActivateRoute.class, "/blocking").bytes());
            GraftProcess.moveAtomically(graft.home().resolve("blocking.tmp"), deploy.resolve("blocking.jar"));
            Thread.sleep(500); // its start has begun, and blocks
            long dropped = System.nanoTime();
            GraftProcess.moveAtomically(Files.copy(graft.home().resolve("examples/echo-1.0.0.jar"),
                    graft.home().resolve("echo.tmp")), deploy.resolve("echo.jar"));
            http.await("/echo/x", status(200), Duration.ofSeconds(3));
            System.out.printf("echo served %d ms after its drop, while another module blocked in activate%n",
                    (System.nanoTime() - dropped) / 1_000_000);

            Path log = graft.home().resolve("data/log/graft.log");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!Files.readString(log).contains("E_TIMEOUT: blocking.jar")) {
                assertTrue("no E_TIMEOUT for blocking.jar within 15 s:\n" + Files.readString(log), System.nanoTime() < deadline);
                Thread.sleep(100);
            }
            assertTrue(http.get("/hello").body().equals("hello from 1.0.0"));

            long terminated = System.nanoTime();
            graft.terminate();
            int exit = graft.awaitExit(15);
            long millis = (System.nanoTime() - terminated) / 1_000_000;
            System.out.printf("SIGTERM to exit: %d ms (status %d)%n", millis, exit);
            assertTrue("Graft took " + millis + " ms to stop after SIGTERM (status " + exit + "):\n" + graft.console(),
                    exit != -1 && millis <= 10_000);
            if (graft.console().contains("bundles did not stop within")) { // then it names the module that held it up
                assertTrue(graft.console(), graft.console().contains("did not stop within 9 s: demo.blocking:1.0.0"));
            }
        }
    }
}
