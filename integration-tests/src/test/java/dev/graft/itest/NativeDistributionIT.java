package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Test;

/**
 * Issue 13 as a new user meets it in the built distribution: bin/graft, native-calc moved from
 * examples/ into deploy/, libcalc 2 copied into deploy/native/, a crash in the isolated copy; no JVM
 * warning on any Java (JNA's native part loads inside Felix; bin/graft allows native access on 24+).
 */
public class NativeDistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    public void nativeCalcServesReloadsAndSurvivesACrashAsTheDocsSay() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution().start()) {
            Http http = new Http(graft.port());
            http.await("/hello", status(200), WAIT);
            Path home = graft.home();
            GraftProcess.moveAtomically(Files.copy(home.resolve("examples/native-calc-1.0.0.jar"), home.resolve("calc.tmp")),
                    home.resolve("deploy/native-calc-1.0.0.jar"));
            http.await("/calc/add?a=2&b=3", body("5 (libcalc 1)"), WAIT);

            Files.copy(home.resolve("examples/native/libcalc-2.so"), home.resolve("deploy/native/libcalc-2.so"));
            Files.copy(home.resolve("examples/native/calc.properties"), home.resolve("deploy/native/calc.properties"));
            http.await("/calc/add?a=2&b=3", body("5 (libcalc 2)"), Duration.ofSeconds(5));

            HttpResponse<String> crash = http.get("/calc/crash");
            assertEquals(crash.body(), 502, crash.statusCode());
            assertTrue(crash.body(), crash.body().contains("E_NATIVE_CRASHED"));
            assertEquals("5 (libcalc 1)", http.get("/calc/isolated/add?a=2&b=3").body());
            assertEquals("5 (libcalc 2)", http.get("/calc/add?a=2&b=3").body());

            graft.terminate();
            graft.awaitExit(10);
            String console = graft.console();
            assertFalse(console, console.contains("WARNING:"));
            assertTrue(console, console.contains("E_NATIVE_CRASHED library calc-isolated: calc_crash crashed its worker"));
        }
    }
}
