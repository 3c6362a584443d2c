package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.graft.launcher.Launcher;
import dev.graft.launcher.RunningGraft;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/**
 * Starts Graft with this module, as it runs in production, and calls the route over HTTP.
 *
 * <p>Runs in {@code mvn verify} when it knows a Graft distribution: {@code mvn verify -Dgraft.home=/path/to/graft},
 * or the environment variable {@code GRAFT_HOME}. Without one it is reported as skipped. The
 * distribution is only read (its {@code system/} and {@code etc/}, and the modules in its {@code deploy/}):
 * the framework cache and the log go to {@code target/graft-it/}.
 */
class GreetRouteIT {

    @Test
    void graftServesTheRoute() throws Exception {
        String home = System.getProperty("graft.home", System.getenv("GRAFT_HOME"));
        if (home == null || home.isBlank()) {
            String why = "no Graft distribution to test with: run mvn verify -Dgraft.home=<Graft home folder>, or set GRAFT_HOME";
            System.out.println("GreetRouteIT skipped: " + why); // the build's summary shows only "Skipped: 1"
            abort(why);
        }
        Path jar = Path.of(System.getProperty("module.jar"));
        Path work = jar.resolveSibling("graft-it");

        System.setProperty("org.jline.terminal.dumb", "true"); // no terminal here: the shell's library need not look for one
        RunningGraft graft = Launcher.builder()
                .home(Path.of(home))
                .httpHost("127.0.0.1")
                .httpPort(0)
                .property("org.osgi.framework.storage", work.resolve("cache").toString())
                .property("org.osgi.framework.storage.clean", "onFirstInit")
                .property("graft.log.dir", work.resolve("log").toString())
                .property("gosh.args", "--nointeractive") // no shell on the test's standard input
                .bundle(jar)
                .start();
        try {
            graft.awaitReady(Duration.ofSeconds(60));
            HttpResponse<String> response = getOnceServed("http://127.0.0.1:" + graft.httpPort() + "/greet/ann");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("hello, ann", response.body());
            assertEquals(moduleName(jar), response.headers().firstValue("Graft-Module").orElse(null));
        } finally {
            graft.stop(Duration.ofSeconds(10));
        }
    }

    /** The route is served once the module's component is active, a moment after start: waits up to 10 s. */
    private static HttpResponse<String> getOnceServed(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    /** {@code <Bundle-SymbolicName>/<Bundle-Version>}: how Graft names a module in the Graft-Module header. */
    private static String moduleName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            return manifest.getValue("Bundle-SymbolicName") + "/" + Version.parseVersion(manifest.getValue("Bundle-Version"));
        }
    }
}
