package dev.graft.deploy.internal.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.deploy.internal.DeployFailure;
import dev.graft.deploy.internal.stage.StagedJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * The signature check on jars signed as an operator signs them (keytool and jarsigner of the JDK that
 * runs the test): what {@code require} refuses, what it accepts, what {@code warn} logs.
 */
class SignatureCheckTest {

    @TempDir
    static Path keys; // keys and signed jars are made once: each keytool/jarsigner run is a JVM start

    static Path trusted; // the key whose certificate is in the trust store
    static Path mallory; // a key the trust store does not know
    static Path issued; // a key whose certificate a trusted CA issued
    static Path unsigned;
    static Path signed;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final AtomicReference<SignaturePolicy> policy = new AtomicReference<>(SignaturePolicy.REQUIRE);

    @BeforeAll
    static void makeKeysAndJars() throws Exception {
        JdkSigning jdk = new JdkSigning(keys);
        trusted = jdk.keyPair("team", "CN=Graft Team, O=Example");
        mallory = jdk.keyPair("mallory", "CN=Mallory, O=Elsewhere");
        Path ca = jdk.keyPair("ca", "CN=Example CA, O=Example", "-ext", "bc:c");
        issued = jdk.keyPair("builder", "CN=Build Server, O=Example");
        jdk.issue(ca, "ca", issued, "builder");
        Files.createDirectories(keys.resolve("trust"));
        jdk.exportCertificate(trusted, "team", keys.resolve("trust/team.pem"));
        unsigned = Files.write(keys.resolve("demo.jar"), JarCheckTest.bundle("demo.mod", "1.0.0", "demo/a.txt",
                "the original content".getBytes(StandardCharsets.UTF_8)));
        signed = jdk.sign(unsigned, trusted, "team");
    }

    private SignatureCheck check(Path trustFolder) {
        return new SignatureCheck(new TrustStore(trustFolder, warnings::add), policy::get, warnings::add);
    }

    private SignatureCheck check() {
        return check(keys.resolve("trust"));
    }

    private static ModuleJar jar(String name, Path file) {
        return new ModuleJar(new StagedJar(name, "0".repeat(64), file), "demo.mod", Version.parseVersion("1.0.0"));
    }

    private ModuleJar jar(String name, byte[] content) throws IOException {
        return jar(name, Files.write(dir.resolve(name), content));
    }

    /** @return the message of the E_SIGNATURE failure, checked to name the file */
    private String refused(SignatureCheck check, ModuleJar jar) {
        DeployFailure failure = assertThrows(DeployFailure.class, () -> check.enforce(jar));
        assertEquals(FailureCode.E_SIGNATURE, failure.code());
        assertTrue(failure.getMessage().startsWith(jar.fileName() + " (demo.mod:1.0.0)"), failure.getMessage());
        return failure.getMessage();
    }

    @Test
    void anUnsignedJarIsRefused() {
        String message = refused(check(), jar("plain.jar", unsigned));
        assertTrue(message.contains("is not signed"), message);
    }

    @Test
    void aJarSignedByAnUnknownKeyIsRefusedNamingTheSigner() throws Exception {
        Path byMallory = new JdkSigning(dir).sign(unsigned, mallory, "mallory");
        String message = refused(check(), jar("mallory.jar", byMallory));
        assertTrue(message.contains("signed by CN=Mallory,O=Elsewhere, which is not trusted"), message);
    }

    @Test
    void aSignedJarWithOneEntryChangedIsRefusedNamingTheEntry() throws Exception {
        byte[] changed = JdkSigning.rewrite(signed, Map.of("demo/a.txt", content -> "a changed content!!".getBytes(
                StandardCharsets.UTF_8)), Map.of());
        String message = refused(check(), jar("changed.jar", changed));
        assertTrue(message.contains("entry demo/a.txt was changed after it was signed"), message);
    }

    @Test
    void aSignedJarWithOneEntryAddedIsRefusedNamingTheEntry() throws Exception {
        byte[] added = JdkSigning.rewrite(signed, Map.of(), Map.of("demo/Extra.class", new byte[] {(byte) 0xCA, (byte) 0xFE}));
        String message = refused(check(), jar("added.jar", added));
        assertTrue(message.contains("entry demo/Extra.class is not signed"), message);
    }

    @Test
    void anEntryAddedUnderMetaInfIsNotSignedEither() throws Exception {
        byte[] added = JdkSigning.rewrite(signed, Map.of(),
                Map.of("META-INF/services/java.lang.Runnable", "evil.Payload".getBytes(StandardCharsets.UTF_8)));
        String message = refused(check(), jar("services.jar", added));
        assertTrue(message.contains("entry META-INF/services/java.lang.Runnable is not signed"), message);
    }

    @Test
    void aSignedJarWithOneEntryRemovedIsRefused() throws Exception {
        byte[] removed = JdkSigning.rewrite(signed, Map.of("demo/a.txt", content -> null), Map.of());
        String message = refused(check(), jar("removed.jar", removed));
        assertTrue(message.contains("demo/a.txt"), message);
    }

    @Test
    void aSignedJarWhoseManifestHeadersWereChangedIsRefused() throws Exception {
        byte[] changed = JdkSigning.rewrite(signed, Map.of("META-INF/MANIFEST.MF", manifest -> new String(manifest,
                StandardCharsets.UTF_8).replace("Bundle-Version: 1.0.0", "Bundle-Activator: evil.Payload\r\nBundle-Version: 1.0.0")
                .getBytes(StandardCharsets.UTF_8)), Map.of());
        String message = refused(check(), jar("headers.jar", changed));
        assertTrue(message.contains("does not verify"), message);
    }

    @Test
    void aJarSignedByATrustedKeyPasses() throws Exception {
        ModuleJar jar = jar("team.jar", signed);
        assertSame(jar, check().enforce(jar));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aJarSignedByAKeyATrustedCaIssuedPasses() throws Exception {
        Path trust = Files.createDirectories(dir.resolve("trust"));
        new JdkSigning(dir).exportCertificate(keys.resolve("ca.p12"), "ca", trust.resolve("example-ca.crt"));
        ModuleJar jar = jar("built.jar", new JdkSigning(dir).sign(unsigned, issued, "builder"));
        assertSame(jar, check(trust).enforce(jar));
        // and only the CA is trusted, not whatever it did not issue
        refused(check(trust), jar("team.jar", signed));
    }

    @Test
    void withoutATrustStoreNothingIsTrusted() {
        String message = refused(check(dir.resolve("no-such-folder")), jar("team.jar", signed));
        assertTrue(message.contains("which is not trusted") && message.contains("holds no certificate"), message);
    }

    @Test
    void aCertificatePutIntoTheTrustStoreCountsFromTheNextCheck() throws Exception {
        Path trust = Files.createDirectories(dir.resolve("trust"));
        SignatureCheck check = check(trust);
        refused(check, jar("team.jar", signed));
        Files.copy(keys.resolve("trust/team.pem"), trust.resolve("team.crt"));
        check.enforce(jar("team.jar", signed));
    }

    @Test
    void aFileInTheTrustStoreThatIsNoCertificateIsIgnoredWithAWarning() throws Exception {
        Path trust = Files.createDirectories(dir.resolve("trust"));
        Files.copy(keys.resolve("trust/team.pem"), trust.resolve("team.pem"));
        Files.writeString(trust.resolve("notes.pem"), "not a certificate");
        Files.writeString(trust.resolve("README.txt"), "not read at all");
        check(trust).enforce(jar("team.jar", signed));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("notes.pem"), warnings.toString());
    }

    @Test
    void withWarnTheFindingIsLoggedAndTheJarPasses() throws Exception {
        policy.set(SignaturePolicy.WARN);
        ModuleJar jar = jar("plain.jar", unsigned);
        assertSame(jar, check().enforce(jar));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("E_SIGNATURE: plain.jar (demo.mod:1.0.0) is not signed"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("(signature.policy=warn: it is deployed anyway)"), warnings.get(0));
    }

    @Test
    void withOffNothingIsLookedAt() throws Exception {
        policy.set(SignaturePolicy.OFF);
        ModuleJar jar = jar("plain.jar", unsigned);
        assertSame(jar, check().enforce(jar));
        assertNull(check().finding(jar));
        assertEquals(List.of(), warnings);
    }

    @Test
    void thePolicyIsReadInAnyCaseAndATypoIsNamed() {
        assertEquals(SignaturePolicy.REQUIRE, SignaturePolicy.parse(" Require "));
        assertEquals(SignaturePolicy.OFF, SignaturePolicy.parse("off"));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> SignaturePolicy.parse("requried"));
        assertEquals("signature.policy 'requried' is not one of off, warn, require", typo.getMessage());
    }
}
