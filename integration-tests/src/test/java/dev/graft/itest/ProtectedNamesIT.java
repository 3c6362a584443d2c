package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.api.deploy.dto.DeploymentDTO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Issue 10, the runtime is protected, on every way in: a jar named like a runtime bundle or the
 * framework is refused with E_PROTECTED by {@code graft:deploy}, its dry run, the
 * {@code DeploymentService} API and {@code deploy/}; one installed around the manager
 * ({@code felix:install}, here from a folder that is called system/4 but is not Graft's) is
 * uninstalled with a WARN; {@code runtime.upgrade.allowed=true} lets one through.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ProtectedNamesIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ROUTER = "dev.graft.routing";

    /** The tests of this class share one graft.home (see {@link DeployFolder#clear}). */
    @After
    public void clearDeployFolder() throws Exception {
        DeployFolder.clear(Path.of(context.getProperty("graft.home")));
    }

    @Test
    public void graftDeployItsDryRunAndTheApiRefuseAJarNamedLikeTheRouter() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        String routerVersion = installed(ROUTER).getVersion().toString();
        // an impostor that registers nothing: a router it replaced would serve no route at all
        Path higher = deploy.scratch("routing-next.jar", module(ROUTER, "9.9.9").bytes());
        Path same = deploy.scratch("routing-same.jar", module(ROUTER, routerVersion).bytes());

        for (Path jar : List.of(higher, same)) {
            String dryRun = shell("graft:deploy --dry-run " + jar);
            assertTrue(dryRun, dryRun.contains("  E_PROTECTED: " + jar.getFileName() + ": " + ROUTER + ":"));
            assertTrue(dryRun, dryRun.contains("it would not be deployed"));
            assertFalse(dryRun, dryRun.contains("would be installed"));
            assertFalse(dryRun, dryRun.contains(FailureCode.E_DUPLICATE.name()));
        }
        String refused = shell("graft:deploy " + higher);
        assertTrue(refused, refused.contains("E_PROTECTED: routing-next.jar: " + ROUTER + ":9.9.9 has the name of a bundle"
                + " of the Graft runtime"));
        DeploymentDTO viaApi = deploy.deployments().deploy(same, null, "api");
        assertEquals(DeployFolder.describe(List.of(viaApi)), DeploymentDTO.OUTCOME_FAILED, viaApi.outcome);
        assertEquals(FailureCode.E_PROTECTED.name(), viaApi.failureCode);

        assertOnlyTheRuntimesRouter(routerVersion);
    }

    @Test
    public void theFrameworksNamesAreRefusedFromTheDeployFolder() throws Exception {
        DeployFolder deploy = deployFolder();
        deploy.drop("system-bundle.jar", module("system.bundle", "1.0.0").bytes());
        deploy.drop("felix.jar", module("org.apache.felix.framework", "99.0.0").bytes());

        for (String file : List.of("system-bundle.jar", "felix.jar")) {
            DeploymentDTO refused = deploy.awaitOutcome(file, DeploymentDTO.OUTCOME_FAILED, WAIT);
            assertEquals(refused.message, FailureCode.E_PROTECTED.name(), refused.failureCode);
            assertTrue(refused.message, refused.message.contains("has the name of a bundle of the Graft runtime (system/)"
                    + " or the framework"));
        }
        assertEquals(1, Arrays.stream(context.getBundles())
                .filter(b -> "org.apache.felix.framework".equals(b.getSymbolicName())).count());
        assertEquals("hello from 1.0.0", http().get("/hello").body());
    }

    @Test
    public void aRuntimeNamedJarInstalledFromTheShellIsUninstalledWithAWarning() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        String routerVersion = installed(ROUTER).getVersion().toString();
        // a folder called system/4 that is not this Graft's system/: it makes no runtime bundle
        Path fake = Files.createDirectories(Files.createTempDirectory("graft-fake").resolve("system/4"));
        Path jar = Files.write(fake.resolve("routing.jar"), module(ROUTER, "9.9.9").bytes());
        String location = jar.toUri().toString();

        String installedNow = shell("felix:install " + location);
        assertTrue(installedNow, installedNow.contains("Bundle ID:"));
        String warning = awaitLogLine(WAIT, "WARN", "E_PROTECTED: " + ROUTER + ":9.9.9 installed from " + location,
                "has the name of a bundle of the Graft runtime; uninstalling it");
        assertTrue(warning, warning.contains("uninstalling it"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (context.getBundle(location) != null) {
            assertTrue("the impostor is still installed: " + context.getBundle(location), System.nanoTime() < deadline);
            Thread.sleep(50);
        }
        assertOnlyTheRuntimesRouter(routerVersion);
    }

    @Test
    public void runtimeUpgradeAllowedLetsAJarNamedLikeARuntimeBundleThrough() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        configure("dev.graft.deploy", "runtime.upgrade.allowed", "true");
        // a new major line of the router's name: installed beside the runtime's router, which keeps serving
        Path next = deploy.scratch("routing-next.jar", module(ROUTER, "9.9.9").bytes());
        long deadline = System.nanoTime() + WAIT.toNanos();
        String dryRun;
        while ((dryRun = shell("graft:deploy --dry-run " + next)).contains("E_PROTECTED")) {
            assertTrue("runtime.upgrade.allowed=true did not apply within 15 s:\n" + dryRun, System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        assertTrue(dryRun, dryRun.contains("would be installed"));

        DeploymentDTO deployed = deploy.deployments().deploy(next, null, "api");
        assertEquals(DeployFolder.describe(List.of(deployed)), DeploymentDTO.OUTCOME_DEPLOYED, deployed.outcome);
        assertNull(deployed.failureCode);
        Thread.sleep(1000); // the guard would uninstall it on another thread at once
        Bundle upgrade = installed(ROUTER);
        assertEquals("9.9.9", upgrade.getVersion().toString());
        assertEquals(Bundle.ACTIVE, upgrade.getState());
        assertEquals("hello from 1.0.0", http().get("/hello").body());
    }

    private void assertOnlyTheRuntimesRouter(String version) throws Exception {
        List<String> routers = Arrays.stream(context.getBundles()).filter(b -> ROUTER.equals(b.getSymbolicName()))
                .map(b -> b.getVersion() + " " + b.getLocation()).toList();
        assertEquals(routers.toString(), 1, routers.size());
        assertTrue(routers.toString(), routers.get(0).startsWith(version + " "));
        assertEquals("hello from 1.0.0", http().get("/hello").body());
    }
}
