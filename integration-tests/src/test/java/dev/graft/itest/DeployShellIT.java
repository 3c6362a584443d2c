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
import dev.graft.api.deploy.dto.ModuleDTO;
import dev.graft.itest.fixtures.ModuleJars;
import dev.graft.itest.fixtures.VersionRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * The deployment commands as a user types them: a dry run, a deployment from the shell (at once, as a
 * canary, on standby), promotion, why a module is not active.
 */
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

    /** The row of graft:modules for hello, as printed. */
    private String helloRow() throws Exception {
        return console("graft:modules").lines().filter(line -> line.startsWith(HELLO + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + HELLO + " in graft:modules"));
    }

    @Test
    public void deployManualKeepsTheNewVersionOnStandbyUntilGraftPromote() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        Path jar = distribution().resolve("examples/hello-1.1.0.jar");

        assertContains(console("graft:deploy --manual " + jar), "STANDBY: hello-1.1.0.jar: " + HELLO + ":1.1.0",
                "on standby beside 1.0.0", "graft:promote " + HELLO);
        Load load = load(4, "/hello");
        load.awaitAnswers(200, WAIT); // 1.1.0 is installed and healthy, and takes none of these
        assertEquals("answers while 1.1.0 is on standby: " + load.answers(), Set.of("200 hello from 1.0.0"),
                load.answers().keySet());
        // module, version, state, candidate, since, last failure, rollback to
        assertTrue(helloRow(), helloRow().matches(HELLO.replace(".", "\\.")
                + " +1\\.0\\.0 +STANDBY +1\\.1\\.0 +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +- +.*"));

        assertContains(console("graft:promote hello"), "DEPLOYED: ", HELLO + ":1.1.0 serves (replaced 1.0.0)");
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        load.awaitAnswers(load.total() + 100, WAIT);
        load.stopAndCheck("during the standby and graft:promote", "200 hello from 1.0.0", "200 hello from 1.1.0");
        awaitOnly(HELLO, "1.1.0", WAIT);
        assertTrue(helloRow(), helloRow().matches(HELLO.replace(".", "\\.")
                + " +1\\.1\\.0 +ACTIVE +- +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +- +1\\.0\\.0"));
        List<DeploymentDTO> history = deploy.history("hello-1.1.0.jar");
        String entries = DeployFolder.describe(history);
        assertEquals(entries, List.of(DeploymentDTO.OUTCOME_STANDBY, DeploymentDTO.OUTCOME_DEPLOYED),
                history.stream().map(d -> d.outcome).toList());
        assertEquals(entries, List.of("shell", "promote"), history.stream().map(d -> d.source).toList());
        assertContains(console("graft:history hello"), "STANDBY  from shell, replacing 1.0.0",
                "DEPLOYED  from promote, replacing 1.0.0");
    }

    @Test
    public void deployCanaryGivesTheNewVersionItsShareUntilGraftPromote() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        configure(DeploymentService.PID, "canary.weight", "30", "canary.promote.after.millis", "0");
        Thread.sleep(500);
        DeployFolder deploy = deployFolder();
        Path jar = distribution().resolve("examples/hello-1.1.0.jar");

        assertContains(console("graft:deploy --canary " + jar), "CANARY: hello-1.1.0.jar: " + HELLO + ":1.1.0",
                "serves 30% of traffic as a canary beside 1.0.0", "graft:promote " + HELLO + " gives it all");
        // the canary header reaches the canary, or avoids it
        assertEquals("hello from 1.1.0", http().get("/hello", "X-Canary", "always").body());
        assertEquals("hello from 1.0.0", http().get("/hello", "X-Canary", "never").body());
        ModuleDTO canary = deploy.module(HELLO);
        assertEquals(canary.toString(), ModuleDTO.STATE_CANARY, canary.state);
        assertEquals(canary.toString(), 30, canary.candidateWeight);
        assertTrue(helloRow(), helloRow().matches(HELLO.replace(".", "\\.")
                + " +1\\.0\\.0 +CANARY +1\\.1\\.0 \\(30%\\) +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +- +.*"));

        Load load = load(4, "/hello");
        load.awaitAnswers(100, WAIT);
        assertContains(console("graft:promote hello"), "DEPLOYED: ", HELLO + ":1.1.0 serves (replaced 1.0.0)");
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        load.awaitAnswers(load.total() + 100, WAIT);
        load.stopAndCheck("during the canary and graft:promote", "200 hello from 1.0.0", "200 hello from 1.1.0");
        awaitOnly(HELLO, "1.1.0", WAIT);
        List<DeploymentDTO> history = deploy.history("hello-1.1.0.jar");
        assertEquals(DeployFolder.describe(history), List.of(DeploymentDTO.OUTCOME_CANARY, DeploymentDTO.OUTCOME_DEPLOYED),
                history.stream().map(d -> d.outcome).toList());
    }

    @Test
    public void anUpdateRestartsOnlyTheBundlesWiredToTheOldVersionAndTheDryRunNamesThem() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        // demo.lib exports a package; demo.user imports it and serves /user; echo and hello are not wired to it
        deploy.drop("lib.jar", library("1.0.0"));
        deploy.awaitOutcome("lib.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        deploy.drop("user.jar", module("demo.user", "1.0.0").importPackage("demo.lib.api;version=\"[1,2)\"")
                .routeComponent(VersionRoute.class, "/user").bytes());
        deploy.awaitOutcome("user.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        http().await("/user", body("hello from 1.0.0"), WAIT);

        Path next = deploy.scratch("lib-1.1.0.jar", library("1.1.0"));
        String dryRun = console("graft:deploy --dry-run " + next);
        assertContains(dryRun, "demo.lib 1.1.0", "replaces:  1.0.0", "demo.lib:1.0.0", "demo.user:1.0.0");
        assertFalse(dryRun, dryRun.contains(ECHO) || dryRun.contains(HELLO));

        Set<String> stopped = ConcurrentHashMap.newKeySet();
        // synchronous: each event is in the set before the framework goes on
        SynchronousBundleListener listener = event -> {
            if (event.getType() == BundleEvent.STOPPED) {
                stopped.add(event.getBundle().getSymbolicName() + ":" + event.getBundle().getVersion());
            }
        };
        context.addBundleListener(listener);
        try {
            deploy.drop("lib.jar", next);
            deploy.awaitOutcomes("lib.jar", DeploymentDTO.OUTCOME_DEPLOYED, 2, WAIT);
            awaitOnly("demo.lib", "1.1.0", WAIT);
            awaitOnly("demo.user", "1.0.0", WAIT);
            http().await("/user", body("hello from 1.0.0"), WAIT);
        } finally {
            context.removeBundleListener(listener);
        }
        assertTrue("stopped during the update: " + stopped, stopped.contains("demo.user:1.0.0"));
        assertEquals("stopped during the update", Set.of("demo.lib:1.0.0", "demo.user:1.0.0"), stopped);
        // restarted, demo.user is wired to the new version
        String provider = installed("demo.user").adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)
                .stream().filter(w -> "demo.lib.api".equals(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                .map(w -> w.getProvider().getSymbolicName() + ":" + w.getProvider().getVersion()).findFirst().orElse("none");
        assertEquals("demo.user's provider of demo.lib.api", "demo.lib:1.1.0", provider);
        assertEquals("hello from 1.0.0", http().get("/hello").body());
        assertEquals("hi", http().get("/echo/hi").body());
    }

    /** A module exporting an (empty) package {@code demo.lib.api} at its own version. */
    private static byte[] library(String version) {
        return module("demo.lib", version).header("Export-Package", "demo.lib.api;version=\"" + version + "\"").bytes();
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
