package dev.graft.deploy.internal.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The certificates whose signatures Graft trusts: every {@code .crt}, {@code .pem} and {@code .cer}
 * file of one folder ({@code etc/trust/}), X.509 in PEM or DER, one or more certificates a file.
 * The folder is read again when a file in it is added, removed or changed, so a certificate put
 * there counts from the next deployment on, without a restart.
 */
public final class TrustStore {

    private static final List<String> SUFFIXES = List.of(".crt", ".pem", ".cer");

    private final Path folder;
    private final Consumer<String> ignoring;
    private Map<String, String> stamps = Map.of(); // file name -> size and modification time, as last read
    private List<X509Certificate> certificates = List.of();

    /**
     * @param folder the folder of certificate files; it need not exist
     * @param ignoring told, in one line naming the file, about a file that holds no certificate
     */
    public TrustStore(Path folder, Consumer<String> ignoring) {
        this.folder = folder;
        this.ignoring = ignoring;
    }

    public Path folder() {
        return folder;
    }

    /** @return the trusted certificates, read again if the folder changed; empty if it does not exist */
    public synchronized List<X509Certificate> certificates() {
        Map<String, Path> files = new TreeMap<>();
        Map<String, String> now = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
                for (Path file : list) {
                    String name = file.getFileName().toString();
                    if (Files.isRegularFile(file) && SUFFIXES.stream().anyMatch(name.toLowerCase(Locale.ROOT)::endsWith)) {
                        files.put(name, file);
                        now.put(name, Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
                    }
                }
            } catch (IOException e) {
                ignoring.accept(folder + " cannot be read: " + e.getMessage());
                return certificates;
            }
        }
        if (!now.equals(stamps)) {
            certificates = read(files);
            stamps = now;
        }
        return certificates;
    }

    private List<X509Certificate> read(Map<String, Path> files) {
        List<X509Certificate> read = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this Java has no X.509 certificate factory", e);
        }
        for (Path file : files.values()) {
            try (InputStream in = Files.newInputStream(file)) {
                int before = read.size();
                for (var certificate : factory.generateCertificates(in)) { // PEM (one or more) or DER
                    read.add((X509Certificate) certificate);
                }
                if (read.size() == before) {
                    ignoring.accept(file + " holds no certificate");
                }
            } catch (IOException | CertificateException | ClassCastException e) {
                ignoring.accept(file + " is not an X.509 certificate (PEM or DER): " + e.getMessage());
            }
        }
        return List.copyOf(read);
    }
}
