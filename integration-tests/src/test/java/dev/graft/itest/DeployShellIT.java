package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.DryRunDTO;
import dev.graft.api.deploy.dto.ExplanationDTO;
import dev.graft.itest.fixtures.ModuleJars;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** The deployment commands as a user types them: a dry run, a deployment from the shell, why a module is not active. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class DeployShellIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The tests of this class share one graft.home (see {@link DeployFolder#clear}). */
    @After
    public void clearDeployFolder() throws Exception {
        DeployFolder.clear(Path.of(context.getProperty("graft.home")));
    }

    /** What the console shows for a command, with no Java exception in it. */
    private String console(String command) throws Exception {
        String out = shell(command).strip();
        assertFalse(command + " printed: " + out, out.contains("Exception"));
        return out;
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue("no '" + part + "' in:\n" + text, text.contains(part));
        }
    }

    @Test
    public void aDryRunTellsWhatADeploymentWouldDoAndDoesNothing() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        Path jar = distribution().resolve("examples/hello-1.1.0.jar");

        // the module, its version, the version it replaces, and the bundles a refresh restarts (bsn:version)
        assertContains(console("graft:deploy --dry-run " + jar), HELLO, "1.1.0", "1.0.0", HELLO + ":1.0.0");
        DryRunDTO dryRun = deploy.deployments().dryRun(jar);
        assertEquals(HELLO, dryRun.module);
        assertEquals("1.1.0", dryRun.version);
        assertEquals("1.0.0", dryRun.replaces);
        assertNull(dryRun.message, dryRun.failureCode);
        assertTrue(String.valueOf(dryRun.refreshes), dryRun.refreshes.contains(HELLO + ":1.0.0"));

        Thread.sleep(500);
        assertEquals("hello from 1.0.0", http().get("/hello").body());
        awaitOnly(HELLO, "1.0.0", WAIT);
        assertTrue(DeployFolder.describe(deploy.history()), deploy.history("hello-1.1.0.jar").isEmpty());
    }

    @Test
    public void aDryRunOfACorruptFileNamesTheCode() throws Exception {
        DeployFolder deploy = deployFolder();
        Path corrupt = deploy.scratch("broken.jar", ModuleJars.corruptZip(4096));
        assertContains(console("graft:deploy --dry-run " + corrupt), "E_CORRUPT_ARCHIVE", "broken.jar");
        assertEquals("E_CORRUPT_ARCHIVE", deploy.deployments().dryRun(corrupt).failureCode);
    }

    @Test
    public void aModuleDeployedFromTheShellServesAndIsInTheHistory() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        Path jar = distribution().resolve("examples/hello-1.1.0.jar");
        assertContains(console("graft:deploy " + jar), "1.1.0");
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        awaitOnly(HELLO, "1.1.0", WAIT);
        DeploymentDTO deployed = deploy.awaitOutcome("hello-1.1.0.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        assertEquals("shell", deployed.source);
        assertEquals("1.0.0", deployed.previousVersion);
        assertContains(console("graft:history hello"), "hello-1.1.0.jar", "1.1.0", "DEPLOYED");
        assertContains(console("graft:modules"), HELLO, "1.1.0");
    }

    @Test
    public void whyNamesTheMissingPackageOfAnUnresolvedModule() throws Exception {
        DeployFolder deploy = deployFolder();
        deploy.drop("demo-broken.jar",
                module("demo.broken", "1.0.0").importPackage("com.nowhere.missing;version=\"[1.0,2)\"").bytes());
        deploy.awaitOutcome("demo-broken.jar", DeploymentDTO.OUTCOME_FAILED, WAIT);

        assertContains(console("graft:why demo.broken"), "E_UNRESOLVED", "com.nowhere.missing");
        ExplanationDTO why = awaitService(DeploymentService.class, WAIT).why("demo.broken");
        assertEquals("demo.broken", why.module);
        assertEquals("E_UNRESOLVED", why.failureCode);
        assertTrue(String.valueOf(why.lines), why.lines.stream().anyMatch(line -> line.contains("com.nowhere.missing")));
    }
}
