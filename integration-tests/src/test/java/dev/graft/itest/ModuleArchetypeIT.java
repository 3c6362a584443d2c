package dev.graft.itest;

import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * A module author's first minutes, as docs/modules.md tells them: generate a project from the
 * archetype ({@code dev.graft:graft-module-archetype}), build it standalone with Maven, move the jar
 * into the {@code deploy/} folder of a running distribution and call the new route; then run the
 * generated project's own integration test against the distribution.
 *
 * <p>How the nested builds find Graft's artifacts: CI runs {@code mvn verify} on a clean clone, so
 * none is in the local repository, and a module project resolves them from there. The test first
 * installs them from this reactor's build output with one nested Maven run of
 * {@code src/test/install-graft/pom.xml} (maven-install-plugin's {@code install-file}): the root pom
 * (the parent of the API's and the launcher's poms), the API, the launcher, graft-bom and the
 * archetype, the same files {@code mvn install} would install, into the local repository of the
 * build running the tests. Everything else the nested builds need is what the reactor's build has
 * already downloaded (the same plugin and library versions), except maven-install-plugin, which
 * {@code mvn verify} never runs: the nested runs are online for it.
 */
public class ModuleArchetypeIT {

    private static final String GROUP = "com.example";
    private static final String ARTIFACT = "greeter";

    @Test
    public void generateBuildStandaloneDeployAndCallTheNewRoute() throws Exception {
        NestedMaven maven = NestedMaven.fromBuild();
        Path work = Files.createTempDirectory("graft-archetype");
        long started = System.nanoTime();

        maven.run(work, "-f", System.getProperty("graft.installer"), "validate");
        long installed = System.nanoTime();

        maven.run(work, "org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty("archetype.version") + ":generate",
                "-DarchetypeGroupId=dev.graft", "-DarchetypeArtifactId=graft-module-archetype",
                "-DarchetypeVersion=" + System.getProperty("graft.version"), "-DarchetypeCatalog=local",
                "-DgroupId=" + GROUP, "-DartifactId=" + ARTIFACT, "-Dversion=1.0.0", "-Dpackage=com.example.greeter");
        Path project = work.resolve(ARTIFACT);
        long generated = System.nanoTime();

        // standalone, no Graft home given: the unit test runs, the integration test says it is skipped
        String build = maven.run(project, "verify");
        assertPassed(build, "GreetRouteTest", 0);
        assertPassed(build, "GreetRouteIT", 1);
        assertTrue(NestedMaven.tail(build), build.contains("GreetRouteIT skipped: no Graft distribution to test with"));
        Path jar = project.resolve("target/" + ARTIFACT + "-1.0.0.jar");
        long built = System.nanoTime();

        long served;
        try (GraftProcess graft = GraftProcess.fromDistribution().start()) {
            Http http = new Http(graft.port());
            http.await("/hello", status(200), Duration.ofSeconds(30));
            Path staged = Files.copy(jar, graft.home().resolve(ARTIFACT + ".tmp"));
            long moved = System.nanoTime();
            GraftProcess.moveAtomically(staged, graft.home().resolve("deploy/" + ARTIFACT + "-1.0.0.jar"));

            HttpResponse<String> greeting = http.await("/greet/ann", status(200), Duration.ofSeconds(5));
            served = System.nanoTime() - moved;
            assertEquals("hello, ann", greeting.body());
            assertEquals(GROUP + "." + ARTIFACT + "/1.0.0", greeting.headers().firstValue("Graft-Module").orElse(null));
        }

        // the project's own integration test: Graft started in the test's JVM, with the module
        String verified = maven.run(project, "verify", "-Dgraft.home=" + GraftTestSupport.distribution());
        assertPassed(verified, "GreetRouteIT", 0);
        long tested = System.nanoTime();

        System.out.printf("archetype: installed %d ms, generated %d ms, built %d ms, served %d ms after the move,"
                        + " project's integration test %d ms%n", millis(installed - started), millis(generated - installed),
                millis(built - generated), millis(served), millis(tested - built));
        delete(work); // kept when the test fails, for a look at the generated project
    }

    /** The nested build's test report for one class: one test, no failures, {@code skipped} skipped. */
    private static void assertPassed(String output, String testClass, int skipped) {
        Pattern line = Pattern.compile("Tests run: 1, Failures: 0, Errors: 0, Skipped: " + skipped
                + ", Time elapsed: .* in com\\.example\\.greeter\\." + testClass);
        assertTrue(testClass + " did not pass (skipped: " + skipped + ") in:\n" + NestedMaven.tail(output),
                line.matcher(output).find());
    }

    private static void delete(Path tree) throws java.io.IOException {
        try (var paths = Files.walk(tree)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
