package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.itest.fixtures.ErrorLoggingActivator;
import dev.graft.itest.fixtures.LeakyActivator;
import dev.graft.itest.fixtures.ModuleFailure;
import dev.graft.itest.fixtures.ModuleJars;
import dev.graft.itest.fixtures.OutOfMemoryRoute;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Issue 10, leak report: {@code graft:leaks} names a module whose thread outlives it, and finds
 * nothing after 50 blue/green updates of each example module, nor for a module whose error is in the
 * log (the Log Service keeps no history that would hold it), nor for one whose route ran out of
 * memory and threw before it was uninstalled.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LeakIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The tests of this class share one graft.home (see {@link DeployFolder#clear}); a leaked thread dies with its test. */
    @After
    public void cleanUp() throws Exception {
        LeakyActivator.stopThreads();
        DeployFolder.clear(Path.of(context.getProperty("graft.home")));
    }

    @Test
    public void aModuleWhoseThreadOutlivesItsUninstallIsNamedWithTheThread() throws Exception {
        DeployFolder deploy = deployFolder();
        deploy.drop("leaky.jar", module("demo.leaky", "1.0.0").header("Bundle-Activator", LeakyActivator.class.getName())
                .importPackage("org.osgi.framework").withClass(LeakyActivator.class).bytes());
        deploy.awaitOutcome("leaky.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);

        Files.delete(deploy.path("leaky.jar"));
        deploy.awaitOutcome("leaky.jar", DeploymentDTO.OUTCOME_REMOVED, WAIT);

        String leaks = shell("graft:leaks");
        assertTrue(leaks, leaks.startsWith("1 of 1 retired module version still in memory after a garbage collection:"));
        assertTrue(leaks, leaks.contains("\ndemo.leaky 1.0.0  retired "));
        assertTrue(leaks, leaks.contains("\n    held by thread \"" + LeakyActivator.THREAD + "\" (runs "
                + LeakyActivator.class.getName() + ".work)"));
        String warning = awaitLogLine(WAIT, "WARN", "leak: demo.leaky:1.0.0 was retired", LeakyActivator.THREAD);
        assertTrue(warning, warning.contains("graft:leaks"));

        LeakyActivator.stopThreads();
        assertEquals("no leaks: 1 retired module version checked, every class loader collected", shell("graft:leaks").trim());
    }

    /**
     * Every module shipped in examples/ (hello between its 1.0.0 and 1.1.0 jars, the others between
     * their jar and the same jar re-versioned 1.0.1), updated 50 times each. The updates of one round
     * go to all modules at once, as the manager deploys different modules side by side.
     */
    @Test
    public void fiftyUpdatesOfEachExampleModuleLeaveNothingBehind() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        Path examples = distribution().resolve("examples");
        List<Example> modules = List.of(
                new Example("hello.jar", HELLO, true, examples.resolve("hello-1.1.0.jar"), examples.resolve("hello-1.0.0.jar")),
                reversioned(examples, "echo", ECHO, true),
                reversioned(examples, "native-calc", "dev.graft.examples.native-calc", false),
                reversioned(examples, "orders", "dev.graft.examples.orders", false),
                reversioned(examples, "requestid", "dev.graft.examples.requestid", false),
                reversioned(examples, "whiteboard", "dev.graft.examples.whiteboard", false));
        for (Example module : modules) { // those the test set-up did not install come in at their own version
            if (!module.installed()) {
                deploy.drop(module.file(), Files.readAllBytes(module.back()));
                deploy.awaitOutcome(module.file(), DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
            }
        }

        long started = System.nanoTime();
        for (int update = 1; update <= 50; update++) {
            for (Example module : modules) {
                deploy.drop(module.file(), Files.readAllBytes(update % 2 == 1 ? module.forth() : module.back()));
            }
            for (Example module : modules) {
                deploy.awaitOutcomes(module.file(), DeploymentDTO.OUTCOME_DEPLOYED, update + (module.installed() ? 0 : 1), WAIT);
            }
        }
        System.out.printf("50 updates of each of %d example modules: %d s%n", modules.size(),
                (System.nanoTime() - started) / 1_000_000_000);
        for (Example module : modules) {
            awaitOnly(module.name(), "1.0.0", WAIT);
        }
        http().await("/hello", body("hello from 1.0.0"), WAIT);

        assertEquals("no leaks: " + 50 * modules.size() + " retired module versions checked, every class loader collected",
                shell("graft:leaks").trim());
    }

    @Test
    public void aModuleWhoseRouteRanOutOfMemoryAndThrewIsNotKeptInMemoryOnceUninstalled() throws Exception {
        DeployFolder deploy = deployFolder();
        deploy.drop("oom.jar", module("demo.oom", "1.0.0").routeComponent(OutOfMemoryRoute.class, "/oom")
                .withClass(ModuleFailure.class).bytes());
        deploy.awaitOutcome("oom.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        HttpResponse<String> oom = http().await("/oom?oom=1", status(500), WAIT);
        assertTrue(oom.body(), oom.body().startsWith("{\"error\":\"E_ROUTE_FAILED\",\"message\":\"route GET /oom of"
                + " demo.oom:1.0.0 failed (java.lang.OutOfMemoryError)"));
        HttpResponse<String> thrown = http().get("/oom");
        assertEquals(500, thrown.statusCode());
        assertTrue(thrown.body(), thrown.body().contains("failed (" + ModuleFailure.class.getName() + ")"));
        awaitLogLine(WAIT, "ERROR", "E_ROUTE_FAILED: route GET /oom of demo.oom:1.0.0 failed: " + ModuleFailure.class.getName());

        Files.delete(deploy.path("oom.jar"));
        deploy.awaitOutcome("oom.jar", DeploymentDTO.OUTCOME_REMOVED, WAIT);

        assertEquals("no leaks: 1 retired module version checked, every class loader collected",
                shell("graft:leaks").trim());
    }

    /** An example module: its file in deploy/, whether the test set-up installed it, the jars it alternates between. */
    private record Example(String file, String name, boolean installed, Path forth, Path back) {}

    private static Example reversioned(Path examples, String jar, String name, boolean installed) throws Exception {
        Path original = examples.resolve(jar + "-1.0.0.jar");
        Path next = Files.write(Files.createTempDirectory("graft-leak").resolve(jar + "-1.0.1.jar"),
                ModuleJars.withVersion(original, "1.0.1"));
        return new Example(jar + ".jar", name, installed, next, original);
    }

    @Test
    public void aModuleThatLoggedAnErrorOfItsOwnClassIsNotKeptInMemoryByTheLog() throws Exception {
        DeployFolder deploy = deployFolder();
        deploy.drop("failing.jar", module("demo.failing", "1.0.0")
                .header("Bundle-Activator", ErrorLoggingActivator.class.getName())
                .importPackage("org.osgi.framework").importPackage("org.osgi.service.log;version=\"[1.4,2)\"")
                .withClass(ErrorLoggingActivator.class).withClass(ModuleFailure.class).bytes());
        deploy.awaitOutcome("failing.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        awaitLogLine(WAIT, "ERROR", ErrorLoggingActivator.MESSAGE);

        Files.delete(deploy.path("failing.jar"));
        deploy.awaitOutcome("failing.jar", DeploymentDTO.OUTCOME_REMOVED, WAIT);

        assertEquals("no leaks: 1 retired module version checked, every class loader collected",
                shell("graft:leaks").trim());
    }
}
