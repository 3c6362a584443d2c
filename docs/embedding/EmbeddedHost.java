import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.launcher.Launcher;
import dev.graft.launcher.RunningGraft;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A program that embeds Graft: it starts Graft from a Graft home folder, calls it over HTTP, reads
 * the router's routes through Graft's API, stops Graft and returns — and the JVM exits.
 *
 * <pre>
 * java -cp launcher.jar:org.apache.felix.framework.jar:api.jar:. EmbeddedHost /path/to/graft-home
 * </pre>
 */
public class EmbeddedHost {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "graft");
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        RunningGraft graft = Launcher.builder()
                .home(home)                  // system/, etc/, deploy/ (hello.jar), data/
                .httpHost("127.0.0.1")
                .httpPort(0)                 // a free port; graft.httpPort() says which
                // the host and the modules share Graft's API: one RouteAdmin class on both sides
                .systemPackagesExtra(
                        "dev.graft.api;version=1.2.0",
                        "dev.graft.api.http;version=1.1.0",
                        "dev.graft.api.middleware;version=1.1.0",
                        "dev.graft.api.route;version=1.4.0",
                        "dev.graft.api.route.dto;version=1.3.0",
                        "dev.graft.api.deploy;version=1.1.0",
                        "dev.graft.api.deploy.dto;version=1.0.0",
                        "dev.graft.api.auth;version=1.0.0",
                        "dev.graft.api.auth.dto;version=1.0.0",
                        "dev.graft.api.health;version=1.0.0",
                        "dev.graft.api.metrics;version=1.0.0",
                        "dev.graft.api.nativebridge;version=1.0.0",
                        "dev.graft.api.nativebridge.dto;version=1.0.0")
                .start();                    // headless: no shell, standard input is left alone
        try {
            graft.awaitReady(Duration.ofSeconds(60));
            RouteAdmin router = awaitRoute(graft, "GET", "/hello", Duration.ofSeconds(30));

            System.out.println("GET /hello: " + get("http://127.0.0.1:" + graft.httpPort() + "/hello"));
            for (RouteDTO route : router.routes()) {
                System.out.println("route: " + route.method + " " + route.path + " "
                        + route.module + ":" + route.version + " " + route.state);
            }
        } finally {
            System.out.println("stopped: " + graft.stop(Duration.ofSeconds(10)));
        }

        // stop() has waited for Graft's threads: none is left, and main returning ends the JVM
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .map(thread -> thread.getName() + (thread.isDaemon() ? " (daemon)" : ""))
                .sorted()
                .toList();
        System.out.println("threads left: " + left);
    }

    /** The router, once it serves the route: hello.jar in deploy/ is installed a moment after start. */
    private static RouteAdmin awaitRoute(RunningGraft graft, String method, String path, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<RouteAdmin> router = graft.service(RouteAdmin.class);
            if (router.isPresent() && router.get().routes().stream().anyMatch(route -> route.method.equals(method)
                    && route.path.equals(path) && RouteDTO.STATE_ACTIVE.equals(route.state))) {
                return router.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no route " + method + " " + path + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static String get(String url) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
        http.setRequestProperty("Connection", "close"); // no pooled connection (and JDK timer thread) outlives the call
        try (InputStream body = http.getInputStream()) {
            return http.getResponseCode() + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
