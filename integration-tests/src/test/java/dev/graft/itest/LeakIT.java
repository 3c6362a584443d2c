package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.itest.fixtures.ErrorLoggingActivator;
import dev.graft.itest.fixtures.LeakyActivator;
import dev.graft.itest.fixtures.ModuleFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Issue 10, leak report: {@code graft:leaks} names a module whose thread outlives it, and finds
 * nothing after 50 blue/green updates of the example module, nor for a module whose error is in the
 * log (the Log Service keeps no history that would hold it).
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

    @Test
    public void fiftyUpdatesOfTheExampleModuleLeaveNothingBehind() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        // hello 1.0.0 serves at first (installed by the test set-up): 1.1.0, 1.0.0, 1.1.0 … 1.0.0
        for (int update = 1; update <= 50; update++) {
            String version = update % 2 == 1 ? "1.1.0" : "1.0.0";
            deploy.drop("hello.jar", distribution().resolve("examples").resolve("hello-" + version + ".jar"));
            http().await("/hello", body("hello from " + version), WAIT);
            deploy.awaitOutcomes("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, update, WAIT);
        }
        awaitOnly(HELLO, "1.0.0", WAIT);

        assertEquals("no leaks: 50 retired module versions checked, every class loader collected",
                shell("graft:leaks").trim());
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
