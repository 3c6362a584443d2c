package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.ModuleDTO;
import dev.graft.itest.fixtures.FailingRoute;
import dev.graft.itest.fixtures.FlakyRoute;
import dev.graft.itest.fixtures.ModuleJars;
import dev.graft.itest.fixtures.SlowActivator;
import dev.graft.itest.fixtures.VersionRoute;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Blue/green updates through {@code deploy/}: the new version starts beside the serving one and
 * takes over without a failed request; a canary that fails too often is cut off; a rollback
 * brings the previous version back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class BlueGreenIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * Allowed beyond a canary's window between its start and the end of its rollback: the watch looks
     * every 200 ms, then the canary's requests drain and its bundle is stopped and uninstalled.
     */
    private static final long CUT_OFF_SLACK_MILLIS = 2000;

    /** The tests of this class share one graft.home (see {@link DeployFolder#clear}). */
    @After
    public void clearDeployFolder() throws Exception {
        DeployFolder.clear(Path.of(context.getProperty("graft.home")));
    }

    private static Path example(String jar) {
        return distribution().resolve("examples").resolve(jar);
    }

    @Test
    public void aBatchDeploysFileByFileAndASlowStartHoldsUpNoOtherModule() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        // dropped together: a module that takes 4 s to start, a broken jar, and a quick module
        deploy.drop("slow.jar", module("demo.slow", "1.0.0").header("Bundle-Activator", SlowActivator.class.getName())
                .importPackage("org.osgi.framework").withClass(SlowActivator.class).bytes());
        deploy.drop("broken.jar", ModuleJars.corruptZip(2000));
        long dropped = System.nanoTime();
        deploy.drop("quick.jar", module("demo.quick", "1.0.0").routeComponent(VersionRoute.class, "/quick").bytes());

        http().await("/quick", body("hello from 1.0.0"), WAIT);
        long quickMillis = (System.nanoTime() - dropped) / 1_000_000;
        assertTrue("the quick module served only after " + quickMillis + " ms: the slow start held it up",
                quickMillis < SlowActivator.MILLIS);
        DeploymentDTO broken = deploy.awaitOutcome("broken.jar", DeploymentDTO.OUTCOME_FAILED, WAIT);
        assertEquals(broken.toString(), "E_CORRUPT_ARCHIVE", broken.failureCode);
        DeploymentDTO slow = deploy.awaitOutcome("slow.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        assertTrue(slow.toString(), slow.endedAt - slow.startedAt >= SlowActivator.MILLIS);
        assertEquals("hello from 1.0.0", http().get("/hello").body());
    }

    @Test
    public void twentyUpdatesUnderLoadFailNoRequest() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        Load load = load(16, "/hello");
        // hello 1.0.0 serves at first (installed by the test set-up): 1.1.0, 1.0.0, 1.1.0 … 1.0.0
        for (int update = 1; update <= 20; update++) {
            String version = update % 2 == 1 ? "1.1.0" : "1.0.0";
            deploy.drop("hello.jar", example("hello-" + version + ".jar"));
            http().await("/hello", body("hello from " + version), WAIT);
            deploy.awaitOutcomes("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, update, WAIT);
        }
        load.stopAndCheck("during 20 blue/green updates", "200 hello from 1.0.0", "200 hello from 1.1.0");
        awaitOnly(HELLO, "1.0.0", WAIT);
        List<DeploymentDTO> entries = deploy.history("hello.jar");
        assertEquals(DeployFolder.describe(entries), 20, entries.size());
        assertTrue(DeployFolder.describe(entries), entries.stream().allMatch(d -> d.failureCode == null));
        assertEquals(DeployFolder.describe(entries), "1.0.0", entries.get(0).previousVersion); // the adopted one
        assertEquals(DeployFolder.describe(entries), "1.1.0", entries.get(1).previousVersion);
    }

    @Test
    public void aCanaryFailingOneRequestInFiveIsCutOffAndTheOldVersionFailsNone() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        configure(DeploymentService.PID, "switch.mode", "CANARY", "canary.weight", "50", "canary.window.millis", "5000",
                "canary.min.requests", "20", "canary.error.rate", "0.1");
        Thread.sleep(500);
        DeployFolder deploy = deployFolder();
        Load load = load(8, "/hello");
        deploy.drop("hello-flaky.jar", module(HELLO, "1.7.0").routeComponent(FlakyRoute.class, "/hello").bytes());

        DeploymentDTO cut = deploy.awaitOutcome("hello-flaky.jar", DeploymentDTO.OUTCOME_ROLLED_BACK, Duration.ofSeconds(25));
        assertEquals(cut.toString(), "E_ERROR_RATE", cut.failureCode);
        assertTrue(cut.message, cut.message.contains("hello-flaky.jar"));
        assertFalse("the message names a version that is null: " + cut.message, cut.message.contains("null"));
        assertEquals("1.7.0", cut.version);
        assertCutOffWithinTheWindow(deploy, "hello-flaky.jar", cut, 5000);

        // from now on only the old version answers
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> response = http().get("/hello");
            assertEquals("hello from 1.0.0", response.body());
            assertEquals(HELLO + "/1.0.0", response.headers().firstValue("Graft-Module").orElse(null));
        }
        load.stop();
        Map<String, Integer> answers = load.answers();
        System.out.println("responses during the canary: " + answers + ", failed by module: " + load.failuresByModule());
        assertEquals("connection errors", 0, load.errors());
        assertTrue("the canary took no traffic: " + answers, answers.containsKey("200 hello from 1.7.0"));
        assertTrue("answers " + answers, answers.keySet().stream().allMatch(answer -> answer.startsWith("500 ")
                || Set.of("200 hello from 1.0.0", "200 hello from 1.7.0").contains(answer)));
        assertEquals("failed answers by module", Set.of(HELLO + "/1.7.0"), load.failuresByModule().keySet());
        awaitOnly(HELLO, "1.0.0", WAIT);
        ModuleDTO hello = deploy.module(HELLO);
        assertEquals(hello.toString(), "1.0.0", hello.version);
        assertEquals(hello.toString(), ModuleDTO.STATE_ACTIVE, hello.state);
        assertEquals(hello.toString(), null, hello.candidate);
        assertEquals(hello.toString(), "E_ERROR_RATE", hello.lastFailureCode);

        String history = shell("graft:history");
        assertTrue(history, history.contains("ROLLED_BACK"));
        assertTrue(history, history.contains("E_ERROR_RATE"));
    }

    /**
     * The canary's rollback ended within its window (plus {@link #CUT_OFF_SLACK_MILLIS}) of the moment it
     * began serving: the end of its {@code CANARY} entry, which the {@code ROLLED_BACK} entry starts from.
     */
    private static void assertCutOffWithinTheWindow(DeployFolder deploy, String file, DeploymentDTO cut, long windowMillis) {
        List<DeploymentDTO> canaries = deploy.history(file).stream()
                .filter(d -> DeploymentDTO.OUTCOME_CANARY.equals(d.outcome)).toList();
        String entries = DeployFolder.describe(deploy.history(file));
        assertEquals(entries, 1, canaries.size());
        DeploymentDTO canary = canaries.get(0);
        assertTrue("the rollback's entry starts at " + cut.startedAt + ", not when the canary began serving (between "
                + canary.startedAt + " and " + canary.endedAt + ")\n" + entries,
                cut.startedAt >= canary.startedAt && cut.startedAt <= canary.endedAt);
        long took = cut.endedAt - canary.endedAt;
        assertTrue("rolled back " + took + " ms after the canary began serving; its window is " + windowMillis + " ms",
                took >= 0 && took <= windowMillis + CUT_OFF_SLACK_MILLIS);
    }

    @Test
    public void aCanaryFailingEveryRequestIsCutOffAfterTheConfiguredRunOfFailures() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        // the share of errors alone would never open the circuit: only the run of 5 does
        configure(DeploymentService.PID, "switch.mode", "CANARY", "canary.weight", "50", "canary.window.millis", "5000",
                "canary.min.requests", "1000000", "canary.error.rate", "1.0", "canary.consecutive.failures", "5");
        Thread.sleep(500);
        DeployFolder deploy = deployFolder();
        Load load = load(8, "/hello");
        deploy.drop("hello-down.jar", module(HELLO, "1.8.0").routeComponent(FailingRoute.class, "/hello").bytes());

        DeploymentDTO cut = deploy.awaitOutcome("hello-down.jar", DeploymentDTO.OUTCOME_ROLLED_BACK, Duration.ofSeconds(25));
        assertEquals(cut.toString(), "E_ERROR_RATE", cut.failureCode);
        assertTrue(cut.message, cut.message.contains("hello-down.jar") && cut.message.contains(HELLO + ":1.8.0")
                && cut.message.contains("5xx in a row (limit 5)") && cut.message.contains("went back to 1.0.0"));
        assertCutOffWithinTheWindow(deploy, "hello-down.jar", cut, 5000);

        http().await("/hello", body("hello from 1.0.0"), WAIT);
        load.awaitAnswers(load.total() + 100, WAIT);
        load.stop();
        Map<String, Integer> answers = load.answers();
        System.out.println("responses during the canary: " + answers + ", failed by module: " + load.failuresByModule());
        assertEquals("connection errors", 0, load.errors());
        assertEquals("answers " + answers, Set.of("200 hello from 1.0.0", "503 " + FailingRoute.FAILURE), answers.keySet());
        assertEquals("failed answers by module", Set.of(HELLO + "/1.8.0"), load.failuresByModule().keySet());
        awaitOnly(HELLO, "1.0.0", WAIT);
        assertEquals("E_ERROR_RATE", deploy.module(HELLO).lastFailureCode);
        String modules = shell("graft:modules");
        assertTrue(modules, modules.lines().anyMatch(line -> line.matches(HELLO.replace(".", "\\.")
                + " +1\\.0\\.0 +ACTIVE +- +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +E_ERROR_RATE +.*")));
    }

    @Test
    public void aCanaryWithinBoundsTakesAllTrafficAfterThePromotionTime() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        configure(DeploymentService.PID, "switch.mode", "CANARY", "canary.weight", "50",
                "canary.promote.after.millis", "3000");
        Thread.sleep(500);
        DeployFolder deploy = deployFolder();
        Load load = load(8, "/hello");
        deploy.drop("hello.jar", example("hello-1.1.0.jar"));

        DeploymentDTO canary = deploy.awaitOutcome("hello.jar", DeploymentDTO.OUTCOME_CANARY, WAIT);
        assertTrue(canary.message, canary.message.contains("50% of traffic") && canary.message.contains("after 3000 ms"));
        ModuleDTO during = deploy.module(HELLO); // well within the 3 s before its promotion
        assertEquals(during.toString(), ModuleDTO.STATE_CANARY, during.state);
        assertEquals(during.toString(), "1.1.0", during.candidate);
        assertEquals(during.toString(), 50, during.candidateWeight);
        DeploymentDTO promoted = deploy.awaitOutcome("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        String entries = DeployFolder.describe(deploy.history("hello.jar"));
        assertEquals(entries, "canary", promoted.source);
        assertEquals(entries, "1.1.0", promoted.version);
        assertEquals(entries, "1.0.0", promoted.previousVersion);
        // its watch starts a moment before the CANARY entry ends: 100 ms of leeway
        assertTrue("promoted " + (promoted.endedAt - canary.endedAt) + " ms after the canary began\n" + entries,
                promoted.endedAt - canary.endedAt >= 3000 - 100);
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        load.stopAndCheck("during the canary and its promotion", "200 hello from 1.0.0", "200 hello from 1.1.0");
        assertTrue("the canary took no traffic: " + load.answers(), load.answers().containsKey("200 hello from 1.1.0"));
        awaitOnly(HELLO, "1.1.0", WAIT);
        ModuleDTO after = deploy.module(HELLO);
        assertEquals(after.toString(), ModuleDTO.STATE_ACTIVE, after.state);
        assertEquals(after.toString(), null, after.candidate);
    }

    @Test
    public void aStandbyVersionTakesNoTrafficUntilGraftPromote() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        configure(DeploymentService.PID, "switch.mode", "MANUAL");
        Thread.sleep(500);
        DeployFolder deploy = deployFolder();
        Load load = load(8, "/hello");
        deploy.drop("hello.jar", example("hello-1.1.0.jar"));

        DeploymentDTO standby = deploy.awaitOutcome("hello.jar", DeploymentDTO.OUTCOME_STANDBY, WAIT);
        assertTrue(standby.message, standby.message.contains("graft:promote " + HELLO));
        load.awaitAnswers(load.total() + 200, WAIT); // 1.1.0 is healthy and installed, and takes none of these
        assertEquals("answers while 1.1.0 is on standby: " + load.answers(), Set.of("200 hello from 1.0.0"),
                load.answers().keySet());
        ModuleDTO waiting = deploy.module(HELLO);
        assertEquals(waiting.toString(), ModuleDTO.STATE_STANDBY, waiting.state);
        assertEquals(waiting.toString(), "1.0.0", waiting.version);
        assertEquals(waiting.toString(), "1.1.0", waiting.candidate);
        String modules = shell("graft:modules");
        assertTrue(modules, modules.lines().anyMatch(line -> line.matches(HELLO.replace(".", "\\.")
                + " +1\\.0\\.0 +STANDBY +1\\.1\\.0 +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +- +.*")));

        String out = shell("graft:promote hello");
        assertTrue(out, out.contains("DEPLOYED: hello.jar: " + HELLO + ":1.1.0 serves (replaced 1.0.0)"));
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        load.awaitAnswers(load.total() + 100, WAIT);
        load.stopAndCheck("during the standby and the promotion", "200 hello from 1.0.0", "200 hello from 1.1.0");
        awaitOnly(HELLO, "1.1.0", WAIT);
        List<DeploymentDTO> history = deploy.history("hello.jar");
        String entries = DeployFolder.describe(history);
        assertEquals(entries, List.of(DeploymentDTO.OUTCOME_STANDBY, DeploymentDTO.OUTCOME_DEPLOYED),
                history.stream().map(d -> d.outcome).toList());
        assertEquals(entries, "promote", history.get(1).source);
    }

    @Test
    public void rollbackServesTheVersionThatServedBeforeTheDropAgain() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        deploy.drop("hello.jar", example("hello-1.1.0.jar"));
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        deploy.awaitOutcome("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        // 1.0.0 was installed by the test set-up, not through the manager, which adopted it
        assertEquals("graft:rollback's version: " + deploy.module(HELLO), "1.0.0", deploy.module(HELLO).lastKnownGood);

        assertRollsBackUnderLoad(deploy, "graft:rollback " + HELLO, "1.1.0", "1.0.0");
    }

    @Test
    public void rollbackReturnsToTheVersionDeployedBefore() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        deploy.drop("hello.jar", example("hello-1.1.0.jar"));
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        deploy.awaitOutcome("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        deploy.drop("hello.jar", example("hello-1.0.0.jar"));
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        deploy.awaitOutcomes("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, 2, WAIT);
        assertEquals("graft:rollback's version: " + deploy.module(HELLO), "1.1.0", deploy.module(HELLO).lastKnownGood);

        assertRollsBackUnderLoad(deploy, "graft:rollback hello", "1.0.0", "1.1.0");
    }

    /** The rollback command under load: {@code to} serves again, no request fails, the history says so. */
    private void assertRollsBackUnderLoad(DeployFolder deploy, String command, String from, String to) throws Exception {
        Load load = load(8, "/hello");
        load.awaitAnswers(50, WAIT);
        String out = shell(command);
        assertFalse(out, out.contains("Exception"));
        assertTrue(out, out.contains(to));
        http().await("/hello", body("hello from " + to), WAIT);
        load.awaitAnswers(200, WAIT);
        load.stopAndCheck("during the rollback", "200 hello from " + from, "200 hello from " + to);
        awaitOnly(HELLO, to, WAIT);

        ModuleDTO hello = deploy.module(HELLO);
        assertEquals(hello.toString(), to, hello.version);
        assertEquals(hello.toString(), ModuleDTO.STATE_ACTIVE, hello.state);
        List<DeploymentDTO> history = deploy.deployments().history(HELLO);
        DeploymentDTO last = history.get(history.size() - 1);
        String entries = DeployFolder.describe(history);
        assertEquals(entries, "rollback", last.source);
        assertEquals(entries, DeploymentDTO.OUTCOME_DEPLOYED, last.outcome);
        assertEquals(entries, to, last.version);
        assertEquals(entries, from, last.previousVersion);
    }
}
