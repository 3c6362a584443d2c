package dev.graft.deploy.internal.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.deploy.internal.DeployFailure;
import dev.graft.deploy.internal.stage.StagedJar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

class JarCheckTest {

    @TempDir
    Path dir;

    private StagedJar staged(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return new StagedJar(name, "0".repeat(64), file);
    }

    static byte[] bundle(String bsn, String version, String entry, byte[] content) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        }
        if (version != null) {
            manifest.getMainAttributes().putValue("Bundle-Version", version);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            if (entry != null) {
                jar.putNextEntry(new ZipEntry(entry));
                jar.write(content);
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private FailureCode codeOf(String name, byte[] bytes) throws IOException {
        StagedJar jar = staged(name, bytes);
        DeployFailure failure = assertThrows(DeployFailure.class, () -> JarCheck.check(jar));
        assertTrue(failure.getMessage().contains(name), failure.getMessage());
        return failure.code();
    }

    @Test
    void aGoodBundleGivesItsNameAndVersion() throws Exception {
        ModuleJar jar = JarCheck.check(staged("demo.jar", bundle("demo.mod;singleton:=true", "1.2.3", "a.txt", new byte[10])));
        assertEquals("demo.mod", jar.symbolicName());
        assertEquals(new Version(1, 2, 3), jar.version());
    }

    @Test
    void brokenFilesAreCorruptArchives() throws Exception {
        byte[] good = bundle("demo.mod", "1.0.0", "a.txt", "hello".repeat(200).getBytes(StandardCharsets.UTF_8));
        assertEquals(FailureCode.E_CORRUPT_ARCHIVE, codeOf("empty.jar", new byte[0]));
        assertEquals(FailureCode.E_CORRUPT_ARCHIVE, codeOf("notes.jar", "just some notes\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FailureCode.E_CORRUPT_ARCHIVE, codeOf("cut.jar", Arrays.copyOf(good, good.length / 2)));
        byte[] flipped = good.clone();
        flipped[flipped.length / 3] ^= 0x55; // inside the compressed entry: its CRC no longer matches
        assertEquals(FailureCode.E_CORRUPT_ARCHIVE, codeOf("flipped.jar", flipped));
    }

    @Test
    void aZipWithoutABundleManifestHasNoManifest() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(1);
            zip.closeEntry();
        }
        assertEquals(FailureCode.E_NO_MANIFEST, codeOf("plain.jar", bytes.toByteArray()));
        assertEquals(FailureCode.E_NO_MANIFEST, codeOf("nobsn.jar", bundle(null, "1.0.0", null, null)));
        assertEquals(FailureCode.E_NO_MANIFEST, codeOf("badversion.jar", bundle("demo.mod", "one", null, null)));
    }

    @Test
    void aManifestWithoutBundleVersionHasNoManifestNamingTheHeader() throws Exception {
        StagedJar jar = staged("noversion.jar", bundle("demo.mod", null, "a.txt", new byte[10]));
        DeployFailure failure = assertThrows(DeployFailure.class, () -> JarCheck.check(jar));
        assertEquals(FailureCode.E_NO_MANIFEST, failure.code());
        assertTrue(failure.getMessage().contains("noversion.jar") && failure.getMessage().contains("demo.mod")
                && failure.getMessage().contains("has no Bundle-Version header"), failure.getMessage());
    }

    @Test
    void classesForANewerJavaAreNamed() throws Exception {
        byte[] clazz = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 99, 0, 0};
        StagedJar jar = staged("newer.jar", bundle("demo.mod", "1.0.0", "demo/Newer.class", clazz));
        DeployFailure failure = assertThrows(DeployFailure.class, () -> JarCheck.check(jar));
        assertEquals(FailureCode.E_CLASS_VERSION, failure.code());
        assertTrue(failure.getMessage().contains("demo/Newer.class") && failure.getMessage().contains("Java 55"),
                failure.getMessage());
    }
}
