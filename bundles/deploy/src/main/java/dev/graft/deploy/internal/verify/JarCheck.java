package dev.graft.deploy.internal.verify;

import dev.graft.api.FailureCode;
import dev.graft.deploy.internal.DeployFailure;
import dev.graft.deploy.internal.stage.StagedJar;
import java.io.IOException;
import java.nio.file.Files;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * The checks a staged jar passes before the framework sees it: a whole zip (its central directory
 * and every entry's CRC), a manifest with a symbolic name and a version, and class files this JVM
 * can load. Each failure names the file and the culprit.
 */
public final class JarCheck {

    /** The highest class-file major version this JVM runs (Java 17 is 61). */
    static final int RUNTIME_CLASS_VERSION = 44 + Runtime.version().feature();

    private JarCheck() {}

    public static ModuleJar check(StagedJar jar) throws DeployFailure {
        String file = jar.fileName();
        try {
            if (Files.size(jar.path()) == 0) {
                throw new DeployFailure(FailureCode.E_CORRUPT_ARCHIVE, file + " is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new DeployFailure(FailureCode.E_CORRUPT_ARCHIVE, file + " cannot be read: " + e.getMessage());
        }
        Manifest manifest;
        try (JarFile zip = new JarFile(jar.path().toFile(), false)) { // reads the central directory: a cut file fails here
            manifest = zip.getManifest();
        } catch (ZipException e) {
            throw new DeployFailure(FailureCode.E_CORRUPT_ARCHIVE, file + " is not a whole jar (zip) archive: "
                    + e.getMessage() + " — truncated, still being written, or not a jar");
        } catch (IOException e) {
            throw new DeployFailure(FailureCode.E_CORRUPT_ARCHIVE, file + " cannot be read as a jar: " + e.getMessage());
        }
        readEveryEntry(jar);
        if (manifest == null) {
            throw new DeployFailure(FailureCode.E_NO_MANIFEST, file + " has no META-INF/MANIFEST.MF: it is a zip, not a module");
        }
        Attributes main = manifest.getMainAttributes();
        String bsn = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null || bsn.isBlank()) {
            throw new DeployFailure(FailureCode.E_NO_MANIFEST, file + " has a manifest without "
                    + Constants.BUNDLE_SYMBOLICNAME + ": it is a plain jar, not a module (an OSGi bundle)");
        }
        bsn = bsn.split(";", 2)[0].trim();
        String versionText = main.getValue(Constants.BUNDLE_VERSION);
        if (versionText == null || versionText.isBlank()) {
            // OSGi would read it as 0.0.0: every such jar would then be "the same version" of its module
            throw new DeployFailure(FailureCode.E_NO_MANIFEST, file + ": the manifest of " + bsn + " has no "
                    + Constants.BUNDLE_VERSION + " header: a module needs a version (major.minor.micro) to be deployed"
                    + " beside, replace or be rolled back to another");
        }
        Version version;
        try {
            version = Version.parseVersion(versionText.trim());
        } catch (IllegalArgumentException e) {
            throw new DeployFailure(FailureCode.E_NO_MANIFEST, file + ": " + Constants.BUNDLE_VERSION + " '" + versionText
                    + "' of " + bsn + " is not a version (major.minor.micro.qualifier)");
        }
        return new ModuleJar(jar, bsn, version);
    }

    // streams every entry: each one's CRC is checked, and each class file's version read
    private static void readEveryEntry(StagedJar jar) throws DeployFailure {
        byte[] head = new byte[8];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar.path()))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/versions/")) {
                    int read = in.readNBytes(head, 0, 8);
                    int major = read == 8 ? ((head[6] & 0xff) << 8) | (head[7] & 0xff) : 0;
                    if (read == 8 && (head[0] & 0xff) == 0xCA && (head[1] & 0xff) == 0xFE && major > RUNTIME_CLASS_VERSION) {
                        throw new DeployFailure(FailureCode.E_CLASS_VERSION, jar.fileName() + ": " + name
                                + " is compiled for Java " + (major - 44) + " (class file version " + major
                                + "); this runtime is Java " + Runtime.version().feature());
                    }
                }
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new DeployFailure(FailureCode.E_CORRUPT_ARCHIVE, jar.fileName() + " is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new DeployFailure(FailureCode.E_CORRUPT_ARCHIVE, jar.fileName() + " cannot be read: " + e.getMessage());
        }
    }
}
