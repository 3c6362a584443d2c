package dev.graft.deploy.internal.verify;

import dev.graft.api.FailureCode;
import dev.graft.deploy.internal.DeployFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The signature check of {@code signature.policy}: every entry of the jar (but the signature files
 * themselves) is signed (jarsigner), by a signer {@link SignerTrust trusted} through the certificates
 * of {@code etc/trust/}, and unchanged since: the JDK's own jar verification ({@link JarFile} with
 * {@code verify}) checks each entry's digest as it is read. Plain {@code java.util.jar}, no
 * SecurityManager: the same on Java 17 and 25.
 */
public final class SignatureCheck {

    private final SignerTrust trust;
    private final Supplier<SignaturePolicy> policy;
    private final Consumer<String> warn;

    /**
     * @param trust the trusted certificates
     * @param policy the policy in force, read at each check
     * @param warn logs one line at WARN (policy {@code warn})
     */
    public SignatureCheck(TrustStore trust, Supplier<SignaturePolicy> policy, Consumer<String> warn) {
        this.trust = new SignerTrust(trust);
        this.policy = policy;
        this.warn = warn;
    }

    /**
     * Applies the policy to a jar that passed {@link JarCheck}: with {@code require} a finding fails the
     * deployment, with {@code warn} it is logged and the module deploys.
     *
     * @return the jar
     * @throws DeployFailure {@code E_SIGNATURE}, naming the file and the reason
     */
    public ModuleJar enforce(ModuleJar jar) throws DeployFailure {
        SignaturePolicy now = policy.get();
        if (now == SignaturePolicy.OFF) {
            return jar;
        }
        String problem = problem(jar.staged().path(), jar.fileName() + " (" + jar.id() + ")");
        if (problem != null && now == SignaturePolicy.REQUIRE) {
            throw new DeployFailure(FailureCode.E_SIGNATURE, problem);
        }
        if (problem != null) {
            warn.accept(FailureCode.E_SIGNATURE + ": " + problem + " (signature.policy=warn: it is deployed anyway)");
        }
        return jar;
    }

    /** @return what {@link #enforce} would report for the jar under the policy in force, or null */
    public String finding(ModuleJar jar) {
        return policy.get() == SignaturePolicy.OFF ? null : problem(jar.staged().path(), jar.fileName() + " (" + jar.id() + ")");
    }

    /** @return the policy in force */
    public SignaturePolicy policy() {
        return policy.get();
    }

    /**
     * @param subject how messages name the jar, its file name first
     * @return null if every entry is signed by a trusted signer and unchanged; else why not, naming the
     *     jar and the entry or signer
     */
    String problem(Path path, String subject) {
        List<String> unsigned = new ArrayList<>();
        int signed = 0;
        Map<CodeSigner, String> verdicts = new HashMap<>(); // "" trusted, else why not; a signer signs many entries: judged once
        try (JarFile jar = new JarFile(path.toFile(), true)) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue; // no content to sign; jarsigner does not sign directory entries
                }
                try (InputStream in = jar.getInputStream(entry)) { // a digest mismatch throws when the entry is read
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (SecurityException e) {
                    String why = String.valueOf(e.getMessage());
                    return subject + ": " + (why.contains("digest error for") ? "entry " + entry.getName()
                            + " was changed after it was signed" : "its signature does not verify") + " (" + why + ")";
                }
                if (signingRelated(entry.getName())) {
                    continue;
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    unsigned.add(entry.getName());
                    continue;
                }
                signed++;
                String distrust = "";
                for (CodeSigner signer : signers) {
                    distrust = verdicts.computeIfAbsent(signer, s -> Objects.requireNonNullElse(trust.distrust(s), ""));
                    if (distrust.isEmpty()) {
                        break; // one trusted signer is enough
                    }
                }
                if (!distrust.isEmpty()) { // the jar's signer, or one that signed only some entries
                    return subject + (signed == 1 ? " is " : ": entry " + entry.getName() + " is ") + distrust;
                }
            }
            String removed = removed(jar, subject);
            if (removed != null) {
                return removed;
            }
            if (signed == 0) {
                return subject + " is not signed" + (unsigned.isEmpty() ? " (it has no entries)" : "")
                        + "; sign it with jarsigner by a key whose certificate is in " + trust.folder();
            }
            if (!unsigned.isEmpty()) {
                return subject + ": entry " + unsigned.get(0) + " is not signed (added after signing?)"
                        + (unsigned.size() > 1 ? "; " + (unsigned.size() - 1) + " more unsigned entries" : "");
            }
            return null;
        } catch (IOException e) {
            return subject + " cannot be read for its signature: " + e.getMessage();
        } catch (SecurityException e) {
            return subject + ": its signature does not verify (" + e.getMessage() + ")";
        }
    }

    // an entry the manifest holds a digest of, but which is gone: removed after signing
    private static String removed(JarFile jar, String subject) throws IOException {
        Manifest manifest = jar.getManifest();
        if (manifest == null) {
            return null;
        }
        for (var section : manifest.getEntries().entrySet()) {
            boolean digested = section.getValue().keySet().stream()
                    .anyMatch(key -> key.toString().toUpperCase(Locale.ROOT).endsWith("-DIGEST"));
            if (digested && jar.getEntry(section.getKey()) == null) {
                return subject + ": entry " + section.getKey() + " was removed after signing";
            }
        }
        return null;
    }

    /** The signature's own files, which carry no signature: the manifest, {@code META-INF/*.SF|RSA|DSA|EC}, {@code META-INF/SIG-*}. */
    static boolean signingRelated(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', 9) >= 0) {
            return false;
        }
        String file = upper.substring(9);
        return file.equals("MANIFEST.MF") || file.endsWith(".SF") || file.endsWith(".RSA") || file.endsWith(".DSA")
                || file.endsWith(".EC") || file.startsWith("SIG-");
    }
}
