package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import dev.graft.itest.fixtures.ModuleJars;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The runtime cannot be replaced by a module: a jar with the router's symbolic name in deploy/ is
 * refused with E_PROTECTED, at the router's own version and at a higher one, before and after a
 * restart (impostors that register nothing, so a replaced router would show); Graft says it started
 * only when its router answers; data/ and etc/trust/ are readable by their owner only.
 */
public class ProtectionIT {

    private static final Duration START = Duration.ofSeconds(30);
    private static final String ROUTER = "dev.graft.routing";

    @Test
    public void aJarNamedLikeTheRouterIsRefusedAndTheRoutesKeepServingAlsoAfterARestart() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            // as an unpacking that lost the permissions would leave it: Graft makes it owner-only at the start
            Files.setPosixFilePermissions(graft.home().resolve("etc/trust"), PosixFilePermissions.fromString("rwxr-xr-x"));
            graft.start();
            Http http = new Http(graft.port());
            http.await("/hello", body("hello from 1.0.0"), START);
            String routerVersion = bundleVersion(routerJar(graft.home()));
            Path log = graft.home().resolve("data/log/graft.log");

            // impostors that register nothing: a router they replaced would serve no route at all
            Files.write(graft.home().resolve("r.tmp"), ModuleJars.module(ROUTER, routerVersion).bytes());
            GraftProcess.moveAtomically(graft.home().resolve("r.tmp"), graft.home().resolve("deploy/routing.jar"));
            awaitLog(log, "E_PROTECTED: routing.jar: dev.graft.routing:" + routerVersion);
            Files.write(graft.home().resolve("r2.tmp"), ModuleJars.module(ROUTER, "9.9.9").bytes());
            GraftProcess.moveAtomically(graft.home().resolve("r2.tmp"), graft.home().resolve("deploy/routing-next.jar"));
            awaitLog(log, "E_PROTECTED: routing-next.jar: dev.graft.routing:9.9.9");
            assertEquals("hello from 1.0.0", http.get("/hello").body());
            assertTrue(http.get("/nope").body().contains("E_NO_ROUTE")); // Graft's router, not Jetty's HTML 404

            graft.terminate();
            graft.awaitExit(20);
            graft.startOnTerminal();
            http.await("/hello", body("hello from 1.0.0"), START);
            graft.awaitConsole("Graft started", 30);
            assertTrue(http.get("/nope").body().contains("E_NO_ROUTE"));
            // the framework has the runtime's router only: neither impostor was installed across the restart
            assertEquals(List.of(routerVersion), routerVersions(graft));
            String history = Files.readString(graft.home().resolve("data/deploy/history.tsv"));
            for (String file : List.of("routing.jar", "routing-next.jar")) {
                // refused once, and not tried again at the restart
                assertEquals(history, 1, history.lines().filter(l -> l.contains("E_PROTECTED") && l.contains(file)).count());
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(graft.home().resolve("data"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(graft.home().resolve("etc/trust"))));
        }
    }

    @Test
    public void aRouterReplacedFromTheShellIsRestoredFromSystemAtTheNextStart() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            graft.startOnTerminal();
            Http http = new Http(graft.port());
            http.await("/hello", body("hello from 1.0.0"), START);
            graft.awaitConsole("graft>", 30);
            Path other = Files.write(graft.home().resolve("routing-other.jar"), ModuleJars.withVersion(routerJar(graft.home()), "9.9.9"));
            int from = graft.console().length();
            graft.type("lb -s");
            java.util.regex.Pattern line = java.util.regex.Pattern.compile("(\\d+)\\|Active +\\| +4\\|dev\\.graft\\.routing\\b");
            java.util.regex.Matcher id = line.matcher(graft.screen(from));
            for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); !id.find(); id = line.matcher(graft.screen(from))) {
                assertTrue("lb -s did not list the router:\n" + graft.screen(from), System.nanoTime() < deadline);
                Thread.sleep(50);
            }
            graft.type("felix:update " + id.group(1) + " " + other.toUri());
            Path log = graft.home().resolve("data/log/graft.log");
            awaitLog(log, "E_PROTECTED: the runtime bundle dev.graft.routing");
            graft.terminate();
            graft.awaitExit(20);

            graft.start();
            graft.awaitConsole("restoring it from system/", 30);
            http.await("/hello", body("hello from 1.0.0"), START);
            graft.awaitConsole("Graft started", 30);
            String routes = http.get("/nope").body();
            assertTrue(routes, routes.contains("E_NO_ROUTE"));
            assertTrue(graft.console(), graft.console().contains("dev.graft.routing:9.9.9 in the framework cache is not the one"));
        }
    }

    @Test
    public void aRouterWhoseJarWasReplacedInTheFrameworkCacheIsRestoredAtTheNextStart() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            graft.start();
            Http http = new Http(graft.port());
            http.await("/hello", body("hello from 1.0.0"), START);
            graft.terminate();
            graft.awaitExit(20);
            Path router = routerJar(graft.home());
            byte[] original = Files.readAllBytes(router);
            Path cached;
            try (Stream<Path> files = Files.walk(graft.home().resolve("data/cache"))) {
                cached = files.filter(f -> f.getFileName().toString().equals("bundle.jar"))
                        .filter(f -> java.util.Arrays.equals(read(f), original)).findFirst()
                        .orElseThrow(() -> new AssertionError("no copy of " + router + " in data/cache"));
            }
            // behind the framework's back: same name and version, no routes (its lastModified stays as recorded, so
            // the start-up check passes it; the content check after the start reads it through the framework)
            Files.write(cached, ModuleJars.module(ROUTER, bundleVersion(router)).bytes());

            graft.start();
            graft.awaitConsole("(its content was changed in the cache); restoring it from system/", 30);
            http.await("/hello", body("hello from 1.0.0"), START);
            graft.awaitConsole("Graft started", 30);
            assertTrue(http.get("/nope").body().contains("E_NO_ROUTE"));
            List<String> lines = graft.console().lines().filter(l -> l.contains("E_PROTECTED")).toList();
            assertEquals(List.of("graft: E_PROTECTED: " + ROUTER + ":" + bundleVersion(router) + " in the framework cache is"
                    + " not the one Graft installed from " + router + " (its content was changed in the cache); restoring it"
                    + " from system/"), lines);
            // the restore is not taken for an update from outside system/ (the guard would say "at the next start")
            String log = Files.readString(graft.home().resolve("data/log/graft.log"));
            assertTrue(log, !log.contains("was updated from outside system/"));
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return the versions of dev.graft.routing that {@code lb -s} lists on the console */
    private static List<String> routerVersions(GraftProcess graft) throws Exception {
        graft.awaitConsole("graft>", 30);
        int from = graft.console().length();
        graft.type("lb -s");
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("\\|dev\\.graft\\.routing \\(([^)]+)\\)");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!graft.screen(from).contains("dev.graft.shell")) { // lb lists the shell after the router
            assertTrue("lb -s did not list the bundles:\n" + graft.screen(from), System.nanoTime() < deadline);
            Thread.sleep(50);
        }
        Thread.sleep(200);
        List<String> versions = new java.util.ArrayList<>();
        java.util.regex.Matcher found = line.matcher(graft.screen(from));
        while (found.find()) {
            versions.add(found.group(1));
        }
        return versions;
    }

    private static String bundleVersion(Path jar) throws Exception {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return in.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    private static Path routerJar(Path home) throws Exception {
        try (Stream<Path> jars = Files.list(home.resolve("system/4"))) {
            return jars.filter(j -> j.getFileName().toString().startsWith("routing-")).findFirst().orElseThrow();
        }
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the log did not show '" + text + "' within 20 s:\n"
                        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            Thread.sleep(50);
        }
    }
}
