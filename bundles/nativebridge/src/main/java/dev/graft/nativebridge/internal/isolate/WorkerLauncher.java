package dev.graft.nativebridge.internal.isolate;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.nativebridge.internal.slot.Declaration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

/**
 * Starts isolated libraries' workers: {@code <java.home>/bin/java} with a class path of two jars from
 * supported places — the worker's own classes (this bundle's {@code dev/graft/nativebridge/worker}
 * entries, written to {@code data/native/worker/graft-native-worker.jar}) and JNA's jar (the JNA
 * bundle's file, or a jar written from its entries when its location is not a file).
 */
public final class WorkerLauncher {

    private static final String WORKER_PACKAGE = "dev/graft/nativebridge/worker";

    private final Bundle self;
    private final Bundle jna;
    private final Path dir;
    private final Logger logger;
    private List<String> classPath;

    public WorkerLauncher(Bundle self, Bundle jna, Path dir, Logger logger) {
        this.self = self;
        this.jna = jna;
        this.dir = dir;
        this.logger = logger;
    }

    /** A launcher with a given class path (the worker's classes and JNA), outside OSGi: the benchmark. */
    public WorkerLauncher(List<String> classPath, Path dir, Logger logger) {
        this(null, null, dir, logger);
        this.classPath = classPath;
    }

    /** Starts a worker for a library version and waits until it has loaded the library. */
    public WorkerLibrary start(Declaration declaration, Path library) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx64m", "-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Xshare:auto", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + dir.resolve("hs_err_" + declaration.name() + "_%p.log"),
                "-Djna.tmpdir=" + dir.resolve("tmp"), "-Djava.io.tmpdir=" + dir.resolve("tmp")));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // JNA loads its own native part (JEP 472)
        }
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath()));
        command.add("dev.graft.nativebridge.worker.WorkerMain");
        command.add(library.toString());
        WorkerLibrary worker = new WorkerLibrary(declaration.name(), command, dir.resolve(declaration.name() + ".log"),
                declaration.timeoutMillis(), 30_000, logger);
        worker.start();
        return worker;
    }

    private synchronized List<String> classPath() {
        try {
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, "worker", "cannot create " + dir + ": " + e.getMessage(), e);
        }
        if (classPath == null) {
            try {
                classPath = List.of(workerJar().toString(), jnaJar().toString());
            } catch (IOException e) {
                throw new NativeException(FailureCode.E_NATIVE_MISSING, "worker", "cannot write the worker's jars under "
                        + dir + ": " + e.getMessage(), e);
            }
        }
        return classPath;
    }

    private Path workerJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return writeJar(self, WORKER_PACKAGE, false, dir.resolve("graft-native-worker.jar"), manifest);
    }

    private Path jnaJar() throws IOException {
        String location = jna.getLocation();
        if (location.startsWith("reference:")) {
            location = location.substring("reference:".length());
        }
        if (location.startsWith("file:")) {
            try {
                Path file = Path.of(URI.create(location));
                if (Files.isRegularFile(file)) {
                    return file;
                }
            } catch (IllegalArgumentException e) {
                // not a plain file URI: written from the bundle's entries below
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return writeJar(jna, "com/sun/jna", true, dir.resolve("jna-" + jna.getVersion() + ".jar"), manifest);
    }

    private static Path writeJar(Bundle bundle, String folder, boolean recurse, Path target, Manifest manifest) throws IOException {
        Enumeration<URL> entries = bundle.findEntries(folder, "*", recurse);
        if (entries == null) {
            throw new IOException(bundle.getSymbolicName() + " has no " + folder);
        }
        Path temp = Files.createTempFile(target.getParent(), ".jar-", ".tmp");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(temp), manifest)) {
            for (URL entry : Collections.list(entries)) {
                String name = entry.getPath().startsWith("/") ? entry.getPath().substring(1) : entry.getPath();
                if (name.endsWith("/")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                try (InputStream in = entry.openStream()) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

}
