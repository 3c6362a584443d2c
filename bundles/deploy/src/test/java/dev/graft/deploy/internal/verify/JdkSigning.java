package dev.graft.deploy.internal.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Keys, certificates and signed jars made as an operator makes them: with the JDK's {@code keytool}
 * and {@code jarsigner}, run as processes from the JDK that runs the test (docs/security.md).
 */
final class JdkSigning {

    static final String PASSWORD = "test-only";

    private final Path dir;

    JdkSigning(Path dir) {
        this.dir = dir;
    }

    /** @return a PKCS12 key store with a key pair and a self-signed certificate for {@code dname} under {@code alias} */
    Path keyPair(String alias, String dname, String... extra) throws IOException, InterruptedException {
        Path store = dir.resolve(alias + ".p12");
        List<String> command = new ArrayList<>(List.of("-genkeypair", "-keystore", store.toString(), "-storetype",
                "PKCS12", "-storepass", PASSWORD, "-alias", alias, "-dname", dname, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650"));
        command.addAll(List.of(extra));
        keytool(command.toArray(new String[0]));
        return store;
    }

    /** @return the certificate of the key under {@code alias}, as a PEM file named {@code file} */
    Path exportCertificate(Path store, String alias, Path file) throws IOException, InterruptedException {
        keytool("-exportcert", "-rfc", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", alias, "-file",
                file.toString());
        return file;
    }

    /**
     * Replaces the self-signed certificate of {@code alias} in {@code store} by one the CA {@code caAlias}
     * of {@code caStore} issues (with the CA's certificate in the chain, as jarsigner then embeds it).
     */
    void issue(Path caStore, String caAlias, Path store, String alias) throws IOException, InterruptedException {
        Path ca = exportCertificate(caStore, caAlias, dir.resolve(caAlias + "-ca.pem"));
        Path request = dir.resolve(alias + ".csr");
        Path issued = dir.resolve(alias + "-issued.pem");
        keytool("-certreq", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", alias, "-file",
                request.toString());
        keytool("-gencert", "-rfc", "-keystore", caStore.toString(), "-storepass", PASSWORD, "-alias", caAlias,
                "-infile", request.toString(), "-outfile", issued.toString(), "-validity", "3650");
        keytool("-importcert", "-noprompt", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", caAlias,
                "-file", ca.toString());
        keytool("-importcert", "-keystore", store.toString(), "-storepass", PASSWORD, "-alias", alias, "-file",
                issued.toString());
    }

    /** @return a signed copy of {@code jar}, signed with the key {@code alias} of {@code store} */
    Path sign(Path jar, Path store, String alias) throws IOException, InterruptedException {
        Path signed = dir.resolve(jar.getFileName().toString().replace(".jar", "") + "-signed-" + alias + ".jar");
        run(tool("jarsigner"), "-keystore", store.toString(), "-storepass", PASSWORD, "-signedjar", signed.toString(),
                jar.toString(), alias);
        return signed;
    }

    /**
     * Writes a copy of a jar with each entry's content passed through {@code edit} (which returns null to
     * drop the entry), then {@code added} entries at the end: a signed jar tampered with.
     */
    static byte[] rewrite(Path jar, Map<String, UnaryOperator<byte[]>> edit, Map<String, byte[]> added) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar)); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                content = edit.getOrDefault(entry.getName(), UnaryOperator.identity()).apply(content);
                if (content != null) {
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    zip.write(content);
                    zip.closeEntry();
                }
            }
            for (Map.Entry<String, byte[]> extra : added.entrySet()) {
                zip.putNextEntry(new ZipEntry(extra.getKey()));
                zip.write(extra.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        run(tool("keytool"), arguments);
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(String tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
