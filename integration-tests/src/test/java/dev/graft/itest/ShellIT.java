package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/** Graft's shell commands as a user meets them: wrong arguments, refusals, help. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What the console shows for a command, with no Java exception in it. */
    private String console(String command) throws Exception {
        String out = shell(command).strip();
        assertFalse(command + " printed: " + out, out.contains("Exception"));
        return out;
    }

    @Test
    public void wrongArgumentsAreAnsweredWithTheUsageLine() throws Exception {
        assertEquals("usage: graft:canary [-k HEADER] <module-or-route> [<version>=<weight> …]", console("graft:canary"));
        assertEquals("graft:routes: unexpected argument 'extra'\nusage: graft:routes", console("graft:routes extra"));
        assertEquals("usage: graft:routewhy [-c ADDRESS] <method> <path> [<Header>=<value> …]", console("graft:routewhy GET"));
        assertEquals("graft:routewhy: unknown option --nope\n"
                + "usage: graft:routewhy [-c ADDRESS] <method> <path> [<Header>=<value> …]",
                console("graft:routewhy --nope GET /hello"));
        assertEquals("graft:canary: -k needs a value (HEADER)\n"
                + "usage: graft:canary [-k HEADER] <module-or-route> [<version>=<weight> …]", console("graft:canary hello -k"));
        assertEquals("graft:help: unexpected argument 'b'\nusage: graft:help [<command>]", console("graft:help a b"));
    }

    @Test
    public void aCanaryTheRouterCannotApplyIsRefusedNamingWhatExists() throws Exception {
        http().await("/hello", body("hello from 1.0.0"), WAIT);
        http().await("/echo/x", body("x"), WAIT);
        assertEquals("graft:canary: no module or route named 'nosuch'; modules that serve routes: dev.graft.examples.echo,"
                + " dev.graft.examples.hello", console("graft:canary nosuch 1.0.0=50"));
        assertEquals("graft:canary: 'hello' has no version 9.9.9; its versions: 1.0.0", console("graft:canary hello 9.9.9=100"));
        assertEquals("graft:canary: no canary for 'other'", console("graft:canary other"));
        assertTrue(console("graft:routes"), console("graft:routes").matches("(?s).*GET +/hello +1\\.0\\.0 +default .*"));
    }

    @Test
    public void helpListsGraftsCommandsAndTheStandardOnesButNotTheShellsPlumbing() throws Exception {
        // a completion helper as Gogo's JLine console registers them (that bundle is not in this test)
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "gogo");
        properties.put("osgi.command.function", new String[] {"__files", "grep"});
        ServiceRegistration<?> plumbing = context.registerService(Object.class, new Object(), properties);
        try {
            String help = console("graft:help");
            assertTrue(help, help.startsWith("Graft:\n"
                    + "  graft:apikey-add     create an API key with roles\n"
                    + "  graft:auth-policies  list the authentication policies, most specific first\n"
                    + "  graft:auth-test      decide a request as the authentication gate would\n"
                    + "  graft:auth-token     issue a development JWT with a subject and roles\n"
                    + "  graft:canary         split traffic between versions of a module or a route\n"
                    + "  graft:deploy         deploy a module jar, as if it were dropped into deploy/\n"
                    + "  graft:health         say whether Graft is ready (as GET /health/ready)\n"
                    + "  graft:help           list the commands (Graft's, then the standard ones), or describe one\n"
                    + "  graft:history        list deployments, oldest first\n"
                    + "  graft:leaks          list the retired module versions still in memory after a garbage collection\n"
                    + "  graft:metrics        list the metrics (as GET /metrics has them) as a table\n"
                    + "  graft:modules        list the modules\n"
                    + "  graft:native         list the native libraries\n"
                    + "  graft:native-call    call one function of a native library by hand\n"
                    + "  graft:native-reload  load a native library again from where it is declared, beside the serving version\n"
                    + "  graft:promote        give a module's canary or standby version all traffic\n"
                    + "  graft:rollback       return a module to its last-known-good version (kept in data/), also after a restart\n"
                    + "  graft:routes         list the routes\n"
                    + "  graft:routewhy       explain which version would serve a request, and why\n"
                    + "  graft:why            explain why a module is, or is not, active\n"
                    + "\nStandard commands, by scope:\n"));
            assertTrue(help, help.matches("(?s).*\n  felix +bundlelevel cd .* lb .*"));
            assertTrue(help, help.matches("(?s).*\n  gogo +grep\n.*"));
            assertFalse(help, help.contains("__"));
            assertTrue(help, help.split("\n").length < 41);
        } finally {
            plumbing.unregister();
        }
    }

    @Test
    public void helpDescribesACommandByTheNameTheDocsUse() throws Exception {
        String routewhy = console("graft:help routewhy");
        assertTrue(routewhy, routewhy.startsWith("usage: graft:routewhy [-c ADDRESS] <method> <path> [<Header>=<value> …]\n"
                + "  explain which version would serve a request, and why\n"));
        assertEquals(routewhy, console("graft:help graft:routewhy"));
        assertEquals(routewhy, console("graft:routewhy --help"));
        assertTrue(console("graft:help lb"), console("graft:help lb").startsWith("lb - "));
        assertEquals("graft:help: no command named 'route-why' (help lists them)", console("graft:help route-why"));
    }
}
