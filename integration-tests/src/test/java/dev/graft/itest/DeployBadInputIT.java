package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.fixtures.ModuleJars.classBytes;
import static dev.graft.itest.fixtures.ModuleJars.classEntry;
import static dev.graft.itest.fixtures.ModuleJars.module;
import static dev.graft.itest.fixtures.ModuleJars.withMajorVersion;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.itest.fixtures.FailingActivateRoute;
import dev.graft.itest.fixtures.ModuleJars;
import dev.graft.itest.fixtures.ThrowingActivator;
import dev.graft.itest.fixtures.VersionRoute;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Bad files dropped into {@code deploy/}: each is rejected with its failure code and a message naming
 * the file and the culprit — in the history, in {@code graft:history}, as a WARN line in the log —
 * while hello 1.0.0 answers every request.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class DeployBadInputIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** How a log line begins (see the log bundle's format); a line of a stack trace does not. */
    private static final Pattern LOG_LINE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} ");

    /** The tests of this class share one graft.home (see {@link DeployFolder#clear}). */
    @After
    public void clearDeployFolder() throws Exception {
        DeployFolder.clear(Path.of(context.getProperty("graft.home")));
    }

    private static Path example(String jar) {
        return distribution().resolve("examples").resolve(jar);
    }

    /**
     * Drops the file into {@code deploy/} under load, waits for its failed deployment and checks what
     * a user sees: the code, the message naming the file and each culprit, the shell, the log, and
     * hello 1.0.0 serving throughout, alone.
     */
    private DeploymentDTO assertRejected(String file, byte[] content, FailureCode code, String... culprits) throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        Load load = load(4, "/hello");
        deploy.drop(file, content);
        DeploymentDTO failed = deploy.awaitOutcome(file, DeploymentDTO.OUTCOME_FAILED, WAIT);
        assertReported(failed, code, file, culprits);
        load.awaitAnswers(200, WAIT); // and the version that serves keeps answering
        load.stopAndCheck("while " + file + " was rejected", "200 hello from 1.0.0");
        awaitOnly(HELLO, "1.0.0", WAIT);
        return failed;
    }

    /** The entry's code and message, the same in {@code graft:history}, and a WARN line {@code CODE: …} in the log. */
    private void assertReported(DeploymentDTO failed, FailureCode code, String file, String... culprits) throws Exception {
        assertEquals(failed.toString(), code.name(), failed.failureCode);
        assertTrue("the message does not name " + file + ": " + failed.message, failed.message.contains(file));
        assertFalse("the message names something that is null: " + failed.message, failed.message.contains("null"));
        for (String culprit : culprits) {
            assertTrue("the message does not name " + culprit + ": " + failed.message, failed.message.contains(culprit));
        }
        String history = shell("graft:history");
        assertTrue(history, history.contains(code.name()));
        assertTrue(history, history.contains(file));
        awaitLogLine(Duration.ofSeconds(5), "WARN", code.name() + ":", file);
        assertLoggedOnceWithoutStackTrace(code, file);
    }

    /** The event's WARN line {@code CODE: …file…} is in the log once, and no stack trace follows it. */
    private void assertLoggedOnceWithoutStackTrace(FailureCode code, String file) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(context.getProperty("graft.home"), "data/log/graft.log"));
        List<Integer> reported = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(" WARN ")
                && lines.get(i).contains(code.name() + ":") && lines.get(i).contains(file)).boxed().toList();
        assertEquals("WARN lines with " + code + " and " + file + ": " + reported.stream().map(lines::get).toList(),
                1, reported.size());
        int next = reported.get(0) + 1;
        if (next < lines.size()) { // an entry is written whole: a stack trace would already be there
            assertTrue("a stack trace follows the WARN line " + lines.get(next - 1) + ":\n" + lines.get(next),
                    LOG_LINE.matcher(lines.get(next)).lookingAt());
        }
    }

    @Test
    public void aCorruptZipIsRejected() throws Exception {
        assertRejected("broken.jar", ModuleJars.corruptZip(4096), FailureCode.E_CORRUPT_ARCHIVE);
    }

    @Test
    public void anEmptyFileIsRejected() throws Exception {
        assertRejected("empty.jar", new byte[0], FailureCode.E_CORRUPT_ARCHIVE);
    }

    @Test
    public void aTextFileNamedJarIsRejected() throws Exception {
        assertRejected("notes.jar", "remember: deploy on Fridays only\n".getBytes(StandardCharsets.UTF_8),
                FailureCode.E_CORRUPT_ARCHIVE);
    }

    @Test
    public void aZipWithoutManifestIsRejected() throws Exception {
        assertRejected("plain.jar", ModuleJars.zipWithoutManifest("readme.txt", "not a module"),
                FailureCode.E_NO_MANIFEST, "MANIFEST.MF");
    }

    @Test
    public void aDroppedJarIsInstalledFromItsCopyInDataUnderItsSha256NotFromTheDroppedFile() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        byte[] jar = Files.readAllBytes(example("hello-1.1.0.jar"));
        deploy.drop("hello.jar", jar);
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        awaitOnly(HELLO, "1.1.0", WAIT);

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        Path staged = Path.of(context.getProperty("graft.home"), "data", "deploy", "staged", sha256 + ".jar");
        assertTrue("the staged copy " + staged + " exists", Files.isRegularFile(staged));
        assertTrue("the staged copy holds the dropped bytes", Arrays.equals(jar, Files.readAllBytes(staged)));
        assertEquals("the framework installed the staged copy, not deploy/hello.jar", "graft:deploy:" + sha256,
                installed(HELLO).getLocation());
    }

    @Test
    public void aTruncatedJarMovedOverADeployedOneIsRejectedAndTheDeployedVersionKeepsServing() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        deploy.drop("hello.jar", example("hello-1.1.0.jar"));
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        deploy.awaitOutcome("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);

        Load load = load(4, "/hello");
        byte[] whole = Files.readAllBytes(example("hello-1.1.0.jar"));
        deploy.drop("hello.jar", Arrays.copyOf(whole, whole.length / 2)); // written elsewhere, moved over hello.jar
        DeploymentDTO failed = deploy.awaitOutcome("hello.jar", DeploymentDTO.OUTCOME_FAILED, WAIT);
        assertReported(failed, FailureCode.E_CORRUPT_ARCHIVE, "hello.jar");
        load.awaitAnswers(200, WAIT);
        load.stopAndCheck("while the truncated hello.jar was rejected", "200 hello from 1.1.0");
        awaitOnly(HELLO, "1.1.0", WAIT);
    }

    @Test
    public void aJarWrittenSlowlyInPlaceIsDeployedOnceWholeNotReportedCorrupt() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        byte[] whole = Files.readAllBytes(example("hello-1.1.0.jar"));
        Load load = load(4, "/hello");
        // 300 bytes every 100 ms: the copy takes about 2 s, longer than settle.millis (1 s), but it
        // never pauses that long; the file is there, empty, from the start, as with cp
        try (var out = Files.newOutputStream(deploy.path("hello-slow.jar"))) {
            for (int offset = 0; offset < whole.length; offset += 300) {
                out.write(whole, offset, Math.min(300, whole.length - offset));
                out.flush();
                Thread.sleep(100);
            }
        }
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        deploy.awaitOutcome("hello-slow.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        Thread.sleep(1500); // longer than settle.millis: a late verdict on a half-written state would be in by now
        var entries = deploy.history("hello-slow.jar");
        assertEquals(DeployFolder.describe(entries), 1, entries.size());
        assertEquals(DeployFolder.describe(entries), DeploymentDTO.OUTCOME_DEPLOYED, entries.get(0).outcome);
        load.stopAndCheck("while hello-slow.jar was written and deployed", "200 hello from 1.0.0", "200 hello from 1.1.0");
        awaitOnly(HELLO, "1.1.0", WAIT);
    }

    @Test
    public void theDeployedJarRewrittenSlowlyInPlaceIsNeverReportedCorruptAndItsNewVersionDeploysOnceWhole() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        deploy.drop("hello.jar", example("hello-1.1.0.jar"));
        http().await("/hello", body("hello from 1.1.0"), WAIT);
        deploy.awaitOutcome("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);

        byte[] next = module(HELLO, "1.2.0").routeComponent(VersionRoute.class, "/hello").bytes();
        int chunk = Math.max(50, next.length / 20);
        Load load = load(4, "/hello");
        // deploy/hello.jar itself, the file 1.1.0 was deployed from, truncated and written again in
        // 20 steps 100 ms apart: about 2 s, longer than settle.millis (1 s), never pausing that long
        try (var out = Files.newOutputStream(deploy.path("hello.jar"))) {
            for (int offset = 0; offset < next.length; offset += chunk) {
                out.write(next, offset, Math.min(chunk, next.length - offset));
                out.flush();
                Thread.sleep(100);
            }
        }
        http().await("/hello", body("hello from 1.2.0"), WAIT);
        deploy.awaitOutcomes("hello.jar", DeploymentDTO.OUTCOME_DEPLOYED, 2, WAIT);
        Thread.sleep(1500); // longer than settle.millis: a late verdict on a half-written state would be in by now
        var entries = deploy.history("hello.jar");
        String described = DeployFolder.describe(entries);
        assertEquals(described, 2, entries.size());
        assertEquals(described, List.of("1.1.0", "1.2.0"), entries.stream().map(d -> d.version).toList());
        assertTrue(described, entries.stream().allMatch(d -> DeploymentDTO.OUTCOME_DEPLOYED.equals(d.outcome)));
        load.stopAndCheck("while hello.jar was rewritten in place", "200 hello from 1.1.0", "200 hello from 1.2.0");
        awaitOnly(HELLO, "1.2.0", WAIT);
        try (Stream<String> log = Files.lines(Path.of(context.getProperty("graft.home"), "data/log/graft.log"))) {
            assertEquals("log lines reporting hello.jar corrupt", List.of(),
                    log.filter(l -> l.contains("E_CORRUPT_ARCHIVE") && l.contains("hello.jar")).toList());
        }
    }

    @Test
    public void theInstalledNameAndVersionUnderAnotherFileNameIsADuplicate() throws Exception {
        assertRejected("hello-copy.jar", Files.readAllBytes(example("hello-1.0.0.jar")), FailureCode.E_DUPLICATE,
                HELLO, "1.0.0");
    }

    @Test
    public void aMissingImportIsUnresolvedNamingThePackageAndTheRange() throws Exception {
        byte[] jar = module("demo.broken", "1.0.0").importPackage("com.nowhere.missing;version=\"[1.0,2)\"").bytes();
        DeploymentDTO failed = assertRejected("demo-broken.jar", jar, FailureCode.E_UNRESOLVED, "com.nowhere.missing",
                "which no installed bundle exports");
        // the range as written, as a version range, or as the resolver's filter
        assertTrue("the message does not name the range [1.0,2): " + failed.message,
                Stream.of("[1.0,2)", "[1.0.0,2.0.0)", "version>=1.0.0").anyMatch(failed.message::contains));
        assertEquals("demo.broken", failed.module);
        assertEquals("1.0.0", failed.version);
    }

    @Test
    public void anUpdateOfTheRunningModuleWithAMissingImportIsUnresolvedAndTheRunningVersionKeepsServing() throws Exception {
        byte[] jar = module(HELLO, "1.2.0")
                .routeComponent(VersionRoute.class, "/hello")
                .importPackage("com.nowhere.missing;version=\"[1.0,2)\"")
                .bytes();
        // hello.jar: the update of the hello that serves (1.0.0), as a user drops it
        DeploymentDTO failed = assertRejected("hello.jar", jar, FailureCode.E_UNRESOLVED, "com.nowhere.missing",
                "[1.0.0,2.0.0)", "which no installed bundle exports");
        assertEquals(HELLO, failed.module);
        assertEquals("1.2.0", failed.version);
        assertEquals("1.0.0", failed.previousVersion);
    }

    @Test
    public void anImportOfAVersionTheRuntimeLacksIsUnresolvedNamingTheVersionItHasAndWhichBundleExportsIt() throws Exception {
        Bundle system = context.getBundle(0);
        String exported = system.adapt(BundleRevision.class).getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)
                .stream().map(c -> c.getAttributes())
                .filter(a -> "org.osgi.framework".equals(a.get(PackageNamespace.PACKAGE_NAMESPACE)))
                .map(a -> a.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE).toString())
                .findFirst().orElseThrow();
        byte[] jar = module("demo.toonew", "1.0.0").importPackage("org.osgi.framework;version=\"[99,100)\"").bytes();
        assertRejected("demo-toonew.jar", jar, FailureCode.E_UNRESOLVED, "org.osgi.framework", "[99.0.0,100.0.0)",
                "the runtime has only " + exported + " (from " + system.getSymbolicName() + ":" + system.getVersion() + ")");
    }

    @Test
    public void aNewVersionWhoseRouteTheRouterRejectsIsUnhealthyNamingTheRouteAndTheReason() throws Exception {
        byte[] jar = module(HELLO, "1.3.0").routeComponent(VersionRoute.class, "hello").bytes(); // no leading '/'
        DeploymentDTO failed = assertRejected("hello-1.3.0.jar", jar, FailureCode.E_UNHEALTHY, "GET hello",
                "E_ROUTE_INVALID", "must start with '/'");
        assertEquals("1.0.0", failed.previousVersion);
        // at once, not at the health timeout (10 s)
        long took = failed.endedAt - failed.startedAt;
        assertTrue("declared unhealthy after " + took + " ms", took < 8000);
    }

    @Test
    public void aNewVersionWhoseRouteAnotherModuleServesIsUnhealthyNamingTheRouteAndItsOwner() throws Exception {
        configure(DeploymentService.PID, "health.timeout.millis", "2000");
        Thread.sleep(500);
        // echo 1.0.0 serves GET /echo/{word}: the same method and path shape
        byte[] jar = module(HELLO, "1.4.0").routeComponent(VersionRoute.class, "/echo/{name}").bytes();
        assertRejected("hello-1.4.0.jar", jar, FailureCode.E_UNHEALTHY, "GET /echo/{name}", "E_ROUTE_CONFLICT",
                ECHO + ":1.0.0 already serves GET /echo/{word}");
        assertEquals("echo keeps its route", "hi", http().get("/echo/hi").body());
    }

    @Test
    public void anActivatorThatThrowsFailsTheStartNamingItsMessage() throws Exception {
        byte[] jar = module(HELLO, "1.5.0")
                .header("Bundle-Activator", ThrowingActivator.class.getName())
                .importPackage("org.osgi.framework")
                .withClass(ThrowingActivator.class)
                .bytes();
        DeploymentDTO failed = assertRejected("hello-1.5.0.jar", jar, FailureCode.E_START_FAILED, ThrowingActivator.MESSAGE);
        assertEquals("1.5.0", failed.version);
        assertEquals("1.0.0", failed.previousVersion);
    }

    @Test
    public void aComponentThatThrowsInActivateFailsTheStartNamingTheError() throws Exception {
        byte[] jar = module(HELLO, "1.6.0").routeComponent(FailingActivateRoute.class, "/hello").bytes();
        assertRejected("hello-1.6.0.jar", jar, FailureCode.E_START_FAILED, FailingActivateRoute.MESSAGE);
    }

    @Test
    public void aComponentWhoseReferenceNeverComesIsUnhealthyNamingTheReference() throws Exception {
        configure(DeploymentService.PID, "health.timeout.millis", "2000");
        Thread.sleep(500);
        byte[] jar = module(HELLO, "1.9.0")
                .routeComponent(VersionRoute.class, "/hello",
                        "<reference name=\"database\" interface=\"java.lang.Runnable\" target=\"(graft.never=true)\"/>")
                .bytes();
        DeploymentDTO failed = assertRejected("hello-1.9.0.jar", jar, FailureCode.E_UNHEALTHY);
        // the reference by its name, or by its interface
        assertTrue("the message does not name the reference 'database' (java.lang.Runnable): " + failed.message,
                failed.message.contains("database") || failed.message.contains("java.lang.Runnable"));
        // after the configured 2 s, not the default 10 s
        long took = failed.endedAt - failed.startedAt;
        assertTrue("declared unhealthy after " + took + " ms, with health.timeout.millis 2000", took >= 1500 && took < 8000);
    }

    @Test
    public void classesForANewerJavaAreRejectedNamingTheClass() throws Exception {
        byte[] future = withMajorVersion(classBytes(VersionRoute.class), 99);
        byte[] jar = module(HELLO, "1.8.0")
                .routeComponent(VersionRoute.class, "/hello")
                .entry(classEntry(VersionRoute.class), future)
                .bytes();
        assertRejected("hello-future.jar", jar, FailureCode.E_CLASS_VERSION, VersionRoute.class.getSimpleName());
    }
}
