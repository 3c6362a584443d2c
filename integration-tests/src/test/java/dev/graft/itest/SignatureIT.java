package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.fixtures.ModuleJars.module;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.DryRunDTO;
import dev.graft.itest.fixtures.SignedJars;
import dev.graft.itest.fixtures.VersionRoute;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 10, signatures: with {@code signature.policy=require} and one certificate in
 * {@code <graft.home>/etc/trust/}, an unsigned jar, a jar signed by an unknown key, a signed jar with
 * one entry changed and one with an entry added are each refused with {@code E_SIGNATURE} naming the
 * file and the reason, while hello 1.0.0 answers every request; a jar signed by the trusted key is
 * deployed. Keys and signatures are made with the JDK's keytool and jarsigner, as docs/security.md says.
 *
 * <p>One framework for the class: each test drops its own file names and no test changes what serves hello.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SignatureIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HELLO_CLASS = "dev/graft/examples/hello/HelloRoute.class";

    private static SignedJars keys; // made once for the class, inside the framework's JVM

    /** The trusted key "team" (its certificate in etc/trust/), an unknown key "mallory", and the policy require. */
    private SignedJars keys() throws Exception {
        if (keys == null) {
            Path home = Path.of(context.getProperty("graft.home"));
            SignedJars made = new SignedJars(home.resolve("itest-keys"))
                    .keyPair("team", "CN=Graft Team, O=Example")
                    .keyPair("mallory", "CN=Mallory, O=Elsewhere");
            made.exportCertificate("team", home.resolve("etc/trust/team.pem"));
            configure(DeploymentService.PID, "signature.policy", "require");
            awaitLogLine(WAIT, "signature.policy is require");
            keys = made;
        }
        return keys;
    }

    private static byte[] hello110() throws Exception {
        return Files.readAllBytes(distribution().resolve("examples/hello-1.1.0.jar"));
    }

    /**
     * Drops the file into {@code deploy/} under load and checks what a user sees: E_SIGNATURE with the
     * file and the reason, in the history, {@code graft:history} and a WARN line; hello 1.0.0 serving
     * throughout, alone.
     */
    private void assertRefused(String file, byte[] content, String reason) throws Exception {
        keys();
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        DeployFolder deploy = deployFolder();
        Load load = load(4, "/hello");
        deploy.drop(file, content);
        DeploymentDTO failed = deploy.awaitOutcome(file, DeploymentDTO.OUTCOME_FAILED, WAIT);
        assertEquals(failed.toString(), FailureCode.E_SIGNATURE.name(), failed.failureCode);
        assertTrue("the message does not name " + file + ": " + failed.message, failed.message.contains(file));
        assertTrue("the message does not say '" + reason + "': " + failed.message, failed.message.contains(reason));
        assertEquals(HELLO, failed.module);
        assertEquals("1.1.0", failed.version);
        String history = shell("graft:history");
        assertTrue(history, history.contains(FailureCode.E_SIGNATURE.name()) && history.contains(file));
        awaitLogLine(Duration.ofSeconds(5), "WARN", FailureCode.E_SIGNATURE.name() + ":", file, reason);
        load.awaitAnswers(200, WAIT);
        load.stopAndCheck("while " + file + " was refused", "200 hello from 1.0.0");
        awaitOnly(HELLO, "1.0.0", WAIT);
    }

    @Test
    public void anUnsignedJarIsRefused() throws Exception {
        assertRefused("hello-unsigned.jar", hello110(), "is not signed");
    }

    @Test
    public void aDryRunSaysAnUnsignedJarWouldBeRefused() throws Exception {
        keys();
        DeployFolder deploy = deployFolder();
        Path jar = deploy.scratch("hello-dry.jar", hello110());
        DryRunDTO dryRun = deploy.deployments().dryRun(jar);
        assertEquals(dryRun.message, FailureCode.E_SIGNATURE.name(), dryRun.failureCode);
        assertTrue(dryRun.message, dryRun.message.contains("hello-dry.jar") && dryRun.message.contains("is not signed"));
        String console = shell("graft:deploy --dry-run " + jar);
        assertTrue(console, console.contains(FailureCode.E_SIGNATURE.name()) && console.contains("is not signed"));
        awaitOnly(HELLO, "1.0.0", WAIT);
    }

    @Test
    public void aJarSignedByAnUnknownKeyIsRefusedNamingTheSigner() throws Exception {
        assertRefused("hello-mallory.jar", keys().sign(hello110(), "mallory"),
                "signed by CN=Mallory,O=Elsewhere, which is not trusted");
    }

    @Test
    public void aSignedJarWithOneEntryChangedIsRefusedNamingTheEntry() throws Exception {
        byte[] signed = keys().sign(hello110(), "team");
        byte[] changed = SignedJars.rewrite(signed, Map.of(HELLO_CLASS, original -> {
            byte[] patched = original.clone();
            patched[patched.length - 1] ^= 1; // one bit
            return patched;
        }), Map.of());
        assertRefused("hello-changed.jar", changed, "entry " + HELLO_CLASS + " was changed after it was signed");
    }

    @Test
    public void aSignedJarWithOneEntryAddedIsRefusedNamingTheEntry() throws Exception {
        byte[] signed = keys().sign(hello110(), "team");
        byte[] added = SignedJars.rewrite(signed, Map.of(),
                Map.of("dev/graft/examples/hello/Extra.class", "not signed".getBytes(StandardCharsets.UTF_8)));
        assertRefused("hello-added.jar", added, "entry dev/graft/examples/hello/Extra.class is not signed");
    }

    @Test
    public void aJarSignedByTheTrustedKeyIsDeployedAndServes() throws Exception {
        byte[] jar = module("demo.signed", "1.0.0").routeComponent(VersionRoute.class, "/signed").bytes();
        DeployFolder deploy = deployFolder();
        deploy.drop("demo-signed.jar", keys().sign(jar, "team"));
        DeploymentDTO deployed = deploy.awaitOutcome("demo-signed.jar", DeploymentDTO.OUTCOME_DEPLOYED, WAIT);
        assertEquals("demo.signed", deployed.module);
        http().await("/signed", body("hello from 1.0.0"), WAIT);
        awaitOnly("demo.signed", "1.0.0", WAIT);
        http().await("/hello", body("hello from 1.0.0"), WAIT);
    }
}
