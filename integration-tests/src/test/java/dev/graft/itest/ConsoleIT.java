package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * bin/graft on a terminal, as a person uses its console: help, log lines that arrive while a line
 * is being typed, Ctrl-C at the prompt. One Graft for the class; each test starts and ends at an
 * empty prompt.
 */
public class ConsoleIT {

    private static GraftProcess graft;

    @BeforeClass
    public static void startOnATerminal() throws Exception {
        graft = GraftProcess.fromDistribution().startOnTerminal();
        graft.awaitConsole("graft> ", 30);
        graft.awaitConsole("Graft started", 30);
    }

    @AfterClass
    public static void exit() throws Exception {
        if (graft != null) {
            graft.type("exit");
            assertEquals(graft.console(), 0, graft.awaitExit(15));
            graft.close();
        }
    }

    /** Runs a command line and returns what the terminal showed, up to the next prompt. */
    private static String run(String line) throws Exception {
        int from = graft.console().length();
        graft.type(line);
        awaitScreen(from, "(?s).*\\n[^\\n]*graft> $", 10);
        return graft.screen(from);
    }

    private static void awaitScreen(int from, String regex, int seconds) throws Exception {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!pattern.matcher(graft.screen(from)).matches()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not show " + regex + " within " + seconds + " s:\n"
                        + graft.screen(from));
            }
            Thread.sleep(50);
        }
    }

    @Test
    public void helpListsGraftsCommandsAndTheStandardOnesNotTheShellsPlumbing() throws Exception {
        String help = run("help");
        assertTrue(help, help.contains("graft:canary         split traffic between versions of a module or a route"));
        assertTrue(help, help.contains("graft:routewhy       explain which version would serve a request, and why"));
        assertTrue(help, Pattern.compile("\\n  felix +bundlelevel .* lb ").matcher(help).find());
        assertTrue(help, Pattern.compile("\\n  gogo +.* grep ").matcher(help).find());
        assertFalse(help, help.contains("__"));
        assertFalse(help, help.contains("context:"));
        assertTrue(help, help.split("\n").length < 40); // fits the 50 rows the test terminal has

        String routewhy = run("help routewhy");
        assertTrue(routewhy, routewhy.contains("usage: graft:routewhy [-c ADDRESS] <method> <path> [<Header>=<value> …]"));
    }

    @Test
    public void aLogLineArrivingWhileALineIsTypedIsPrintedAboveThePromptAndTheLineIsKept() throws Exception {
        int from = graft.console().length();
        graft.press("graft:rou");
        awaitScreen(from, "(?s).*graft:rou$", 10);

        // deploying a module logs its routes while the half-typed line is on the screen
        GraftProcess.moveAtomically(Files.copy(graft.home().resolve("examples/echo-1.0.0.jar"),
                graft.home().resolve("echo.tmp")), graft.home().resolve("deploy/echo.jar"));
        awaitScreen(from, "(?s).*route added: GET /echo/\\{word\\}.*graft> graft:rou$", 20);
        String screen = graft.screen(from);
        // the log line starts a line of its own (not "graft> graft:rou2026-…") and the prompt is drawn again below it
        assertTrue(screen, Pattern.compile("\\r\\d{4}-\\d\\d-\\d\\d [^\\r\\n]* route added: GET /echo/\\{word\\} [^\\r\\n]*\\r?\\n"
                + "graft> graft:rou").matcher(screen).find());
        assertFalse(screen, Pattern.compile("graft:rou\\d{4}-").matcher(screen).find());

        // what was typed is still the line: finishing it, once echo serves, runs graft:routes
        awaitScreen(from, "(?s).*echo\\.jar: dev\\.graft\\.examples\\.echo:1\\.0\\.0 serves.*graft> graft:rou$", 20);
        String routes = run("tes");
        assertTrue(routes, Pattern.compile("GET +/echo/\\{word\\} +1\\.0\\.0 +default +dev\\.graft\\.examples\\.echo")
                .matcher(routes).find());
    }

    @Test
    public void ctrlCAtThePromptCancelsTheLineAndGraftKeepsRunning() throws Exception {
        int from = graft.console().length();
        graft.press("graft:canary hello 1.0.0=0");
        awaitScreen(from, "(?s).*1\\.0\\.0=0$", 10);
        graft.press("\u0003");
        awaitScreen(from, "(?s).*1\\.0\\.0=0.*\\n[^\\n]*graft> $", 10);

        String screen = graft.screen(from);
        assertFalse(screen, screen.contains("canary for hello"));
        assertTrue(graft.isAlive());
        new Http(graft.port()).await("/hello", body("hello from 1.0.0"), Duration.ofSeconds(5));
        String routes = run("graft:routes");
        assertTrue(routes, Pattern.compile("GET +/hello +1\\.0\\.0 +default ").matcher(routes).find());
    }
}
