package dev.graft.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.Test;

/**
 * Embedding as docs/embedding.md shows it: the host program in the doc is compiled against the
 * distribution's lib/ and API jar and run in a JVM of its own, with no terminal, as a product
 * would run it.
 */
public class EmbeddingIT {

    private static final Path HOST_SOURCE = docs().resolve("embedding/EmbeddedHost.java");

    @Test
    public void theDocumentedHostServesARouteReadsTheRoutesThroughTheSharedApiAndEndsWithNoThreadLeft() throws Exception {
        Path home = GraftProcess.fromDistribution().home();
        Path classes = compile(HOST_SOURCE);
        Path console = home.resolve("host-console.txt");
        Process host = run(classes, "EmbeddedHost", home, console);
        try {
            String threadsLine = awaitLine(console, "threads left: ", 90);
            long stopped = System.nanoTime();
            assertTrue("the JVM is still up 5 s after stop():\n" + read(console), host.waitFor(5, TimeUnit.SECONDS));
            System.out.printf("the host's JVM ended %d ms after its last line%n", (System.nanoTime() - stopped) / 1_000_000);
            String out = read(console);
            assertEquals(out, 0, host.exitValue());

            // headless: nothing read the closed stdin, Graft served until the host stopped it
            assertTrue(out, out.contains("GET /hello: 200 hello from 1.0.0"));
            assertFalse(out, out.contains("gosh") || out.contains("graft> "));
            // RouteAdmin through the shared API: the host's class is the router's
            assertTrue(out, out.contains("route: GET /hello dev.graft.examples.hello:1.0.0 ACTIVE"));
            assertTrue(out, out.contains("stopped: true"));
            // stop() waited for every thread Graft started
            assertEquals(out, "threads left: []", threadsLine);
            assertFalse(out, out.contains("graft: cannot write the log file"));
        } finally {
            host.destroyForcibly();
        }
    }

    @Test
    public void aHostThatDoesNotShareTheApiIsToldWhichPackageToShare() throws Exception {
        Path home = GraftProcess.fromDistribution().home();
        Path source = Files.createTempDirectory("graft-host").resolve("UnsharedHost.java");
        Files.writeString(source, """
                import dev.graft.api.route.RouteAdmin;
                import dev.graft.launcher.Launcher;
                import dev.graft.launcher.RunningGraft;
                import java.nio.file.Path;
                import java.time.Duration;

                public class UnsharedHost {
                    public static void main(String[] args) throws Exception {
                        RunningGraft graft = Launcher.builder().home(Path.of(args[0])).httpPort(0).start();
                        try {
                            graft.awaitReady(Duration.ofSeconds(60));
                            for (int i = 0; i < 300 && graft.service(RouteAdmin.class).isEmpty(); i++) {
                                Thread.sleep(100);
                            }
                            System.out.println("no error");
                        } catch (IllegalStateException e) {
                            System.out.println("error: " + e.getMessage());
                        } finally {
                            graft.stop(Duration.ofSeconds(10));
                        }
                    }
                }
                """);
        Path console = home.resolve("host-console.txt");
        Process host = run(compile(source), "UnsharedHost", home, console);
        try {
            String error = awaitLine(console, "error: ", 90);
            assertEquals(read(console), "error: a dev.graft.api.route.RouteAdmin service is registered, but its class is the one"
                    + " of bundle dev.graft.api:" + apiManifest("Bundle-Version") + ", not the host's: share the package with"
                    + " Launcher.systemPackagesExtra(\"dev.graft.api.route;version=" + apiExports().get("dev.graft.api.route")
                    + "\") and put its jar on the host's class path (docs/embedding.md)", error);
            assertTrue(read(console), host.waitFor(30, TimeUnit.SECONDS));
        } finally {
            host.destroyForcibly();
        }
    }

    @Test
    public void theDocShowsTheHostAsItIsTheCoordinatesOfThisBuildAndEveryApiPackageAtItsVersion() throws IOException {
        String doc = Files.readString(docs().resolve("embedding.md"), StandardCharsets.UTF_8);
        String program = Files.readString(HOST_SOURCE, StandardCharsets.UTF_8);
        assertTrue("docs/embedding.md must show docs/embedding/EmbeddedHost.java as it is",
                doc.contains("```java\n" + program + "```"));
        for (String[] artifact : new String[][] {
                {"dev.graft", "launcher", System.getProperty("graft.version")},
                {"org.apache.felix", "org.apache.felix.framework", System.getProperty("felix.framework.version")},
                {"dev.graft", "api", System.getProperty("graft.version")}}) {
            String coordinates = "  <groupId>" + artifact[0] + "</groupId>\n  <artifactId>" + artifact[1]
                    + "</artifactId>\n  <version>" + artifact[2] + "</version>\n";
            assertTrue("docs/embedding.md must name " + String.join(":", artifact), doc.contains(coordinates));
        }
        Map<String, String> exports = apiExports();
        assertFalse(exports.isEmpty());
        for (Map.Entry<String, String> export : exports.entrySet()) {
            String clause = "\"" + export.getKey() + ";version=" + export.getValue() + "\"";
            assertTrue("EmbeddedHost.java must share " + clause + ", as the API jar exports it", program.contains(clause));
        }
    }

    private static Path docs() {
        String docs = System.getProperty("graft.docs");
        if (docs == null) {
            throw new IllegalStateException("system property graft.docs is not set; run the tests with 'mvn verify'");
        }
        return Path.of(docs).toAbsolutePath().normalize();
    }

    // what a host puts on its class path: the distribution's lib/ (launcher, Felix) and the API jar
    private static List<Path> classPath() throws IOException {
        Path dist = GraftTestSupport.distribution();
        return List.of(dist.resolve("lib/launcher.jar"), dist.resolve("lib/org.apache.felix.framework.jar"), apiJar());
    }

    private static Path apiJar() throws IOException {
        try (Stream<Path> jars = Files.walk(GraftTestSupport.distribution().resolve("system"))) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("api-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no api-*.jar in the distribution's system/"));
        }
    }

    /** @return package → version, as the API jar's manifest exports them */
    private static Map<String, String> apiExports() throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher clause = Pattern.compile("(?:^|,)([\\w.]+);version=\"([^\"]+)\"").matcher(apiManifest("Export-Package"));
        while (clause.find()) {
            versions.put(clause.group(1), clause.group(2));
        }
        return versions;
    }

    private static String apiManifest(String header) throws IOException {
        try (JarFile jar = new JarFile(apiJar().toFile())) {
            return jar.getManifest().getMainAttributes().getValue(header);
        }
    }

    private static Path compile(Path source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createTempDirectory("graft-host-classes");
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", join(classPath())));
        args.add(source.toString());
        int status = javac.run(null, System.out, System.err, args.toArray(new String[0]));
        assertEquals("javac " + source + " failed, see the test's output", 0, status);
        return classes;
    }

    private static Process run(Path classes, String mainClass, Path home, Path console) throws IOException {
        List<Path> path = new ArrayList<>(List.of(classes));
        path.addAll(classPath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", join(path), mainClass, home.toString())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())) // no terminal
                .start();
    }

    private static String join(List<Path> path) {
        return String.join(System.getProperty("path.separator"), path.stream().map(Path::toString).toList());
    }

    /** Waits for a line of the console that starts with the prefix, and returns it. */
    private static String awaitLine(Path console, String prefix, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String text = read(console);
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) { // whole lines only
                if (line.startsWith(prefix)) {
                    return line.strip();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line '" + prefix + "…' within " + seconds + " s:\n" + read(console));
    }

    private static String read(Path console) throws IOException {
        return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
    }
}
