package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.route.RouteHandler;
import dev.graft.itest.fixtures.ExitRoute;
import dev.graft.itest.fixtures.ExitingActivator;
import dev.graft.itest.fixtures.HaltRoute;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Issue 10: no module can end the JVM. Modules whose code calls {@code System.exit},
 * {@code Runtime.halt} or {@code Runtime.exit} are deployed through {@code deploy/}; the containment
 * bundle has rewritten those calls as the classes loaded, so the call throws: the request gets
 * {@code 500 E_EXIT_REFUSED} naming the module, the log says who tried, and the framework, the
 * module and every other route keep serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ExitGuardIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The tests of this class share one graft.home (see {@link DeployFolder#clear}). */
    @After
    public void clearDeployFolder() throws Exception {
        DeployFolder.clear(Path.of(context.getProperty("graft.home")));
    }

    @Test
    public void aRouteCallingSystemExitGets500AndTheJvmKeepsServing() throws Exception {
        assertRefused("demo.exit", ExitRoute.class, "/exit", "System.exit(1)");
    }

    /**
     * Only the real system/ folder of this Graft makes a runtime bundle: a module installed from
     * another folder called system/4 (as {@code felix:install file:/tmp/x/system/4/a.jar} does), or by
     * a module with a made-up location inside the real one, is woven like any module.
     */
    @Test
    public void aModuleInstalledFromAFolderCalledSystemIsRefusedTheExitToo() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        Path fake = Files.createDirectories(Files.createTempDirectory("graft-fake").resolve("system/4"));
        Path jar = Files.write(fake.resolve("exit.jar"),
                module("demo.fakesystem", "1.0.0").routeComponent(ExitRoute.class, "/fake-exit").bytes());
        Bundle fromFakeFolder = context.installBundle(jar.toUri().toString());
        fromFakeFolder.start();
        Path realSystem = Path.of(context.getProperty("graft.system"));
        Bundle madeUp = context.installBundle(realSystem.resolve("4/exit-madeup.jar").toUri().toString(),
                new ByteArrayInputStream(module("demo.madeup", "1.0.0").routeComponent(ExitRoute.class, "/madeup-exit").bytes()));
        madeUp.start();
        try {
            assertRefusedAt("demo.fakesystem", ExitRoute.class, "/fake-exit", "System.exit(1)");
            assertRefusedAt("demo.madeup", ExitRoute.class, "/madeup-exit", "System.exit(1)");
        } finally {
            fromFakeFolder.uninstall();
            madeUp.uninstall();
        }
    }

    @Test
    public void aRouteCallingRuntimeHaltGets500AndTheJvmKeepsServing() throws Exception {
        assertRefused("demo.halt", HaltRoute.class, "/halt", "Runtime.halt(3)");
    }

    @Test
    public void anActivatorCallingRuntimeExitFailsTheStartNamingTheRefusal() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        deploy.drop("exiting.jar", module("demo.exiting", "1.0.0").header("Bundle-Activator", ExitingActivator.class.getName())
                .importPackage("org.osgi.framework").withClass(ExitingActivator.class).bytes());

        DeploymentDTO failed = deploy.awaitOutcome("exiting.jar", DeploymentDTO.OUTCOME_FAILED, WAIT);
        assertEquals(failed.toString(), FailureCode.E_START_FAILED.name(), failed.failureCode);
        assertTrue(failed.message, failed.message.contains("E_EXIT_REFUSED: demo.exiting:1.0.0 called Runtime.exit(2)"));
        assertStillServing();
    }

    private void assertRefused(String module, Class<? extends RouteHandler> route, String path, String call)
            throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        deployFolder().drop(module + ".jar", module(module, "1.0.0").routeComponent(route, path).bytes());
        assertRefusedAt(module, route, path, call);
    }

    private void assertRefusedAt(String module, Class<? extends RouteHandler> route, String path, String call)
            throws Exception {
        HttpResponse<String> refused = http().await(path, status(500), WAIT);
        String culprit = module + ":1.0.0 called " + call + " in route GET " + path + "; refused";
        assertTrue(refused.body(), refused.body().startsWith("{\"error\":\"E_EXIT_REFUSED\",\"message\":\"" + culprit));
        assertTrue(refused.body(), refused.body().endsWith(",\"module\":\"" + module + "/1.0.0\"}"));
        awaitLogLine(Duration.ofSeconds(5), "WARN", "E_EXIT_REFUSED: " + culprit);
        // reported when the class loaded, too
        awaitLogLine(Duration.ofSeconds(5), module + ":1.0.0: class " + route.getName() + " calls ");

        assertStillServing();
        // the module itself stays: a second call is refused the same way
        assertEquals(500, http().get(path).statusCode());
        assertEquals(Bundle.ACTIVE, installed(module).getState());
    }

    private void assertStillServing() throws Exception {
        assertEquals(Bundle.ACTIVE, context.getBundle(0).getState());
        HttpResponse<String> hello = http().get("/hello");
        assertEquals(200, hello.statusCode());
        assertEquals("hello from 1.0.0", hello.body());
        HttpResponse<String> echo = http().get("/echo/still");
        assertEquals(echo.body(), 200, echo.statusCode());
        assertEquals("still", echo.body());
    }
}
