package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** The built distribution, driven as a user drives it: bin/graft, the deploy folder, SIGTERM. */
public class DistributionIT {

    private static final Duration START = Duration.ofSeconds(30);

    @Test
    public void servesHelloHotDeploysThroughDeployFolderAndStopsCleanlyOnSigterm() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution().start()) {
            Http http = new Http(graft.port());
            HttpResponse<String> first = http.await("/hello", status(200), START);
            assertEquals("hello from 1.0.0", first.body());
            assertEquals("dev.graft.examples.hello/1.0.0", first.headers().firstValue("Graft-Module").orElse(null));

            // mv a newer hello over the deployed one: served within 2 s, no restart
            Path deployed = graft.home().resolve("deploy/hello.jar");
            Path newer = Files.copy(graft.home().resolve("examples/hello-1.1.0.jar"), graft.home().resolve("hello-1.1.0.jar"));
            long moved = System.nanoTime();
            GraftProcess.moveAtomically(newer, deployed);
            http.await("/hello", body("hello from 1.1.0"), Duration.ofSeconds(2));
            System.out.printf("update through deploy/ served after %d ms%n", (System.nanoTime() - moved) / 1_000_000);

            // remove it: gone within 2 s
            Files.delete(deployed);
            HttpResponse<String> gone = http.await("/hello", status(404), Duration.ofSeconds(2));
            assertTrue(gone.body(), gone.body().contains("E_NO_ROUTE"));

            graft.terminate();
            int exit = graft.awaitExit(10);
            String console = graft.console();
            assertTrue("exit status was " + exit + "; console:\n" + console, exit == 0 || exit == 143);
            // an orderly stop: the HTTP server is stopped by its bundle, then the framework ends
            int stopping = console.indexOf("Graft stopping");
            int serverStopped = console.indexOf("Stopped oejs.Server");
            int stopped = console.indexOf("Graft stopped");
            assertTrue(console, stopping >= 0 && stopping < serverStopped && serverStopped < stopped);
            // no JVM warnings (on Java 24+, bin/graft allows Felix's Unsafe use and JLine's native library)
            assertFalse(console, console.contains("WARNING:"));

            String log = Files.readString(graft.home().resolve("data/log/graft.log"));
            assertTrue(log, log.contains("route added: GET /hello (dev.graft.examples.hello:1.0.0"));
        }
    }

    @Test
    public void aUsedHomeCopiedElsewhereRebuildsItsCacheAndServes() throws Exception {
        Path used;
        try (GraftProcess first = GraftProcess.fromDistribution().start()) {
            new Http(first.port()).await("/hello", body("hello from 1.0.0"), START);
            first.terminate();
            first.awaitExit(10);
            used = first.home();
        }
        assertTrue(Files.isDirectory(used.resolve("data/cache")));
        try (GraftProcess copy = GraftProcess.copyOf(used).start()) {
            new Http(copy.port()).await("/hello", body("hello from 1.0.0"), START);
            assertTrue(copy.console(), copy.console().contains("graft: the framework cache " + copy.home().resolve("data/cache")
                    + " was made by the Graft home " + used + "; rebuilding it from system/ and deploy/"));
        }
    }

    @Test
    public void onATerminalTheShellListsTheModulesAndExitStopsGraft() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution().startOnTerminal()) {
            graft.awaitConsole("graft> ", 30);
            graft.type("lb");
            graft.awaitConsole("Graft Routing (0.1.0.SNAPSHOT)", 10);
            String listing = graft.console();
            assertTrue(listing, listing.contains("|Active     |    6|Graft example: hello (1.0.0)|1.0.0"));
            graft.type("exit");
            assertEquals(graft.console(), 0, graft.awaitExit(10));
            assertTrue(graft.console(), graft.console().contains("Stopped oejs.Server"));
        }
    }

    @Test
    public void versionsSideBySideAndACanaryFromAnEtcFileThatChangesLive() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution().start()) {
            Http http = new Http(graft.port());
            http.await("/hello", body("hello from 1.0.0"), START);
            GraftProcess.moveAtomically(Files.copy(graft.home().resolve("examples/hello-2.0.0.jar"),
                    graft.home().resolve("hello2.tmp")), graft.home().resolve("deploy/hello-2.0.0.jar"));
            http.await("/hello", body("hello from 2.0.0"), Duration.ofSeconds(5));
            assertEquals("hello from 1.0.0", http.get("/hello", "X-API-Version", "1").body());

            Path cfg = graft.home().resolve("etc/dev.graft.routing.canary-hello.cfg");
            writeAtomically(cfg, "target=hello\nweights=1.0.0=90,2.0.0=10\nsticky.header=X-User\n");
            http.await("/hello", r -> share(http, 200) < 200, Duration.ofSeconds(5));
            int canary = share(http, 2000);
            System.out.printf("etc/ canary 90/10 over 2000 keys: 2.0.0 got %d%n", canary);
            assertTrue("2.0.0 got " + canary + " of 2000", canary >= 140 && canary <= 260);

            long changed = System.nanoTime();
            writeAtomically(cfg, "target=hello\nweights=1.0.0=10,2.0.0=90\nsticky.header=X-User\n");
            http.await("/hello", r -> share(http, 100) > 70, Duration.ofSeconds(5));
            long millis = (System.nanoTime() - changed) / 1_000_000;
            System.out.printf("the edited .cfg took effect after %d ms%n", millis);
            assertTrue("the split changed only after " + millis + " ms", millis < 1000);
        }
    }

    /**
     * The README's steps in order on a fresh distribution — deploying (update, remove, another
     * module), then versions side by side — and the canary .cfg of docs/routing.md, copied as it is.
     */
    @Test
    public void theReadmeStepsInOrderAndTheDocsCanaryFileWorkAsWritten() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher contentType = Pattern.compile("\nContent-Type: ([^\n]+)\n").matcher(readme);
        assertTrue("the README shows a Content-Type", contentType.find());
        Matcher cfg = Pattern.compile("```properties\n(# etc/dev\\.graft\\.routing\\.canary-hello\\.cfg.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("../docs/routing.md")));
        assertTrue("docs/routing.md shows a canary .cfg", cfg.find());

        try (GraftProcess graft = GraftProcess.fromDistribution().start()) {
            Http http = new Http(graft.port());
            Path deploy = graft.home().resolve("deploy");
            HttpResponse<String> first = http.await("/hello", status(200), START);
            assertEquals(contentType.group(1), first.headers().firstValue("Content-Type").orElse(null));
            assertEquals(contentType.group(1), http.get("/hello").headers().firstValue("Content-Type").orElse(null));

            // "Deploying a module": update to 1.1.0, uninstall, another module
            GraftProcess.moveAtomically(copyToTmp(graft, "hello-1.1.0.jar"), deploy.resolve("hello.jar"));
            http.await("/hello", body("hello from 1.1.0"), Duration.ofSeconds(5));
            Files.delete(deploy.resolve("hello.jar"));
            http.await("/hello", status(404), Duration.ofSeconds(5));
            GraftProcess.moveAtomically(copyToTmp(graft, "echo-1.0.0.jar"), deploy.resolve("echo-1.0.0.jar"));
            http.await("/echo/one", body("one"), Duration.ofSeconds(5));

            // "Versions side by side": 1.0.0 back, 2.0.0 beside it
            GraftProcess.moveAtomically(copyToTmp(graft, "hello-1.0.0.jar"), deploy.resolve("hello.jar"));
            GraftProcess.moveAtomically(copyToTmp(graft, "hello-2.0.0.jar"), deploy.resolve("hello-2.0.0.jar"));
            http.await("/hello", body("hello from 2.0.0"), Duration.ofSeconds(5));
            http.await("/hello", body("hello from 1.0.0"), Duration.ofSeconds(5), "X-API-Version", "1");
            HttpResponse<String> three = http.get("/hello", "X-API-Version", "3");
            assertEquals(404, three.statusCode());
            assertTrue(three.body(), three.body().contains("\"versions\":[\"2.0.0\",\"1.0.0\"]"));

            // docs/routing.md's canary file, as written: a 90/10 split sticky by X-User
            writeAtomically(graft.home().resolve("etc/dev.graft.routing.canary-hello.cfg"), cfg.group(1));
            http.await("/hello", r -> share(http, 200) < 200, Duration.ofSeconds(5));
            int canary = share(http, 2000);
            assertTrue("2.0.0 got " + canary + " of 2000", canary >= 140 && canary <= 260);
            assertEquals("hello from 2.0.0", http.get("/hello", "X-User", "u1", "X-Canary", "always").body());
            String log = Files.readString(graft.home().resolve("data/log/graft.log"));
            assertFalse(log, log.contains("E_CONFIG_INVALID"));
        }
    }

    private static Path copyToTmp(GraftProcess graft, String example) throws Exception {
        return Files.copy(graft.home().resolve("examples").resolve(example), graft.home().resolve(example + ".tmp"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** How many of n distinct users the canary 2.0.0 serves. */
    private static int share(Http http, int users) {
        int canary = 0;
        try {
            for (int i = 0; i < users; i++) {
                if (http.get("/hello", "X-User", "user-" + i).body().equals("hello from 2.0.0")) {
                    canary++;
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return canary;
    }

    private static void writeAtomically(Path file, String text) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        GraftProcess.moveAtomically(tmp, file);
    }

    @Test
    public void aRestartKeepsTheInstalledModules() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution().start()) {
            Http http = new Http(graft.port());
            http.await("/hello", status(200), START);
            GraftProcess.moveAtomically(Files.copy(graft.home().resolve("examples/echo-1.0.0.jar"),
                    graft.home().resolve("echo.tmp")), graft.home().resolve("deploy/echo.jar"));
            http.await("/echo/one", body("one"), Duration.ofSeconds(5));
            graft.terminate();
            assertTrue(graft.awaitExit(10) >= 0);

            graft.start();
            http.await("/echo/two", body("two"), START);
            assertEquals("hello from 1.0.0", http.get("/hello").body());
        }
    }

    @Test
    public void aPortInUseIsOneClearLineAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0); GraftProcess graft = GraftProcess.fromDistribution()) {
            graft.start("--port", Integer.toString(taken.getLocalPort()));
            int exit = graft.awaitExit(20);
            assertEquals(graft.console(), 1, exit);
            assertEquals("graft: port " + taken.getLocalPort() + " is already in use", graft.console().strip());
        }
    }

    @Test
    public void aHomeWithoutBundlesIsOneClearLineAndANonZeroExit() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            Path system = graft.home().resolve("system");
            try (var files = Files.walk(system)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            graft.start();
            assertEquals(1, graft.awaitExit(20));
            assertEquals("graft: no bundles in " + system + " (is this a Graft home folder?)", graft.console().strip());
            assertFalse(graft.isAlive());
        }
    }

    @Test
    public void hostChoosesTheListeningAddress() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution().start("--host", "127.0.0.1")) {
            new Http(graft.port()).await("/hello", body("hello from 1.0.0"), START);
            assertTrue(graft.console(), graft.console().contains("HTTP on 127.0.0.1:" + graft.port()));
        }
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            graft.start("--host", "192.0.2.1"); // TEST-NET-1: never an address of this machine
            assertEquals(graft.console(), 1, graft.awaitExit(20));
            assertTrue(graft.console(), graft.console().strip().startsWith("graft: cannot listen on 192.0.2.1:"));
        }
    }

    @Test
    public void helpDescribesTheOptions() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            graft.start("--help");
            assertEquals(0, graft.awaitExit(20));
            String help = graft.console();
            assertTrue(help, help.startsWith("Usage: graft [--home DIR] [--port N] [--host ADDRESS] [--shell] [--help]"));
            assertTrue(help, help.contains("--port N"));
            assertTrue(help, help.contains("--host ADDR  the address to listen on"));
            assertTrue(help, help.contains("--shell      offer the Gogo shell on this console"));
        }
    }
}
