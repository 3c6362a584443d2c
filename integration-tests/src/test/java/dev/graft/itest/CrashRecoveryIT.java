package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * The built distribution killed ({@code kill -9}) in the middle of a blue/green deployment, then
 * started again: the module serves at the old version or at the new one — never both, never
 * neither — and the history says which. And {@code graft:rollback} across restarts.
 */
public class CrashRecoveryIT {

    private static final Duration START = Duration.ofSeconds(30);

    @Test
    public void killedBeforeTheNewVersionIsInstalledTheOldOneServesAfterTheRestart() throws Exception {
        killAtAndRestart("STAGED", "1.0.0", "undone: 1.0.0 serves");
    }

    @Test
    public void killedWhileTheNewVersionRunsBesideTheOldOneTheOldOneServesAfterTheRestart() throws Exception {
        killAtAndRestart("STARTED", "1.0.0", "undone: 1.0.0 serves");
    }

    @Test
    public void killedAfterTrafficSwitchedTheNewVersionServesAfterTheRestart() throws Exception {
        killAtAndRestart("SWITCHED", "1.1.0", "completed: 1.1.0 serves");
    }

    private void killAtAndRestart(String point, String expected, String recovered) throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            graft.start(); // hello 1.0.0 deployed from deploy/ as shipped
            Http http = new Http(graft.port());
            http.await("/hello", body("hello from 1.0.0"), START);
            Path log = graft.home().resolve("data/log/graft.log");
            awaitLog(log, "hello.jar: dev.graft.examples.hello:1.0.0 serves"); // its deployment is complete
            graft.terminate();
            graft.awaitExit(20);

            // from now on every deployment stops at the point, until the process is killed there
            Path config = graft.home().resolve("etc/config.properties");
            String original = Files.readString(config);
            Files.writeString(config, "\ngraft.deploy.pauseAt=" + point + "\n", StandardOpenOption.APPEND);
            graft.start();
            http.await("/hello", body("hello from 1.0.0"), START);

            GraftProcess.moveAtomically(Files.copy(graft.home().resolve("examples/hello-1.1.0.jar"),
                    graft.home().resolve("hello.tmp")), graft.home().resolve("deploy/hello.jar"));
            awaitLog(log, "dev.graft.examples.hello:1.1.0: pausing at " + point);
            graft.kill();

            Files.writeString(config, original); // the next start does not pause
            graft.start();
            http.await("/hello", body("hello from " + expected), START);
            awaitLog(log, recovered);
            // one version, and only one, answers from now on
            Set<String> modules = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> answer = http.get("/hello");
                assertEquals(answer.body(), 200, answer.statusCode());
                modules.add(answer.headers().firstValue("Graft-Module").orElse("?"));
            }
            assertEquals(Files.readString(log), Set.of("dev.graft.examples.hello/" + expected), modules);
            // the history's RECOVERED entry: the deployment cut short, and which version serves now
            String history = Files.readString(graft.home().resolve("data/deploy/history.tsv"));
            List<String[]> recoveredEntries = history.lines().map(line -> line.split("\t", -1))
                    .filter(fields -> fields.length == 11 && "RECOVERED".equals(fields[8])).toList();
            assertEquals(history, 1, recoveredEntries.size());
            String[] entry = recoveredEntries.get(0); // started, ended, module, version, previous, source, file, sha, outcome, code, message
            assertEquals(history, "dev.graft.examples.hello", entry[2]);
            assertEquals(history, "1.1.0", entry[3]);
            assertEquals(history, "1.0.0", entry[4]);
            assertEquals(history, "recovery", entry[5]);
            assertTrue(history, entry[10].endsWith(recovered));
        }
    }

    @Test
    public void rollbackReturnsToTheLastKnownGoodVersionAlsoAcrossRestarts() throws Exception {
        try (GraftProcess graft = GraftProcess.fromDistribution()) {
            graft.startOnTerminal();
            Http http = new Http(graft.port());
            http.await("/hello", body("hello from 1.0.0"), START);
            GraftProcess.moveAtomically(Files.copy(graft.home().resolve("examples/hello-1.1.0.jar"),
                    graft.home().resolve("hello.tmp")), graft.home().resolve("deploy/hello.jar"));
            http.await("/hello", body("hello from 1.1.0"), Duration.ofSeconds(5));
            graft.terminate();
            graft.awaitExit(20);

            // after a restart, the rollback still knows 1.0.0
            graft.startOnTerminal();
            http.await("/hello", body("hello from 1.1.0"), START);
            graft.awaitConsole("graft>", 30);
            graft.type("graft:rollback hello");
            http.await("/hello", body("hello from 1.0.0"), Duration.ofSeconds(10));
            graft.awaitConsole("DEPLOYED", 10);
            graft.terminate();
            graft.awaitExit(20);

            // and it stays rolled back: deploy/hello.jar (1.1.0) is not deployed again
            graft.start();
            http.await("/hello", body("hello from 1.0.0"), START);
            Thread.sleep(3000); // the watcher's first scan and a rescan have run
            assertEquals("hello from 1.0.0", http.get("/hello").body());
        }
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the log did not show '" + text + "' within 30 s:\n"
                        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            Thread.sleep(50);
        }
    }
}
