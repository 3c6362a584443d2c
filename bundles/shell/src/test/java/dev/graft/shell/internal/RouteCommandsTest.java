package dev.graft.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.api.route.dto.RouteDecisionDTO;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteCommandsTest {

    private static final String NL = System.lineSeparator();

    private final RouteAdmin admin = mock(RouteAdmin.class);
    private final RouteCommands commands = new RouteCommands(admin);

    private static RouteDTO route(String version, int weight, boolean isDefault, String state, String code) {
        RouteDTO dto = new RouteDTO();
        dto.method = "GET";
        dto.path = "/hello";
        dto.version = version;
        dto.module = "dev.graft.examples.hello";
        dto.weight = weight;
        dto.isDefault = isDefault;
        dto.state = state;
        dto.failureCode = code;
        dto.failureReason = code == null ? null : "x:1.0.0 already serves GET /hello";
        return dto;
    }

    /** What the console prints for a failed command: its toString(). */
    private static String failure(Runnable command) {
        return assertThrows(CommandFailure.class, command::run).toString();
    }

    @Test
    void routesIsAnAlignedTable() {
        when(admin.routes()).thenReturn(List.of(route("2.0.0", -1, true, "ACTIVE", null),
                route("1.0.0", 90, false, "ACTIVE", null), route("0.9.0", -1, false, "CONFLICT", "E_ROUTE_CONFLICT")));
        assertEquals(String.join(NL,
                "METHOD  PATH    VERSION  WEIGHT   MODULE                    STATE                                                         IN FLIGHT",
                "GET     /hello  2.0.0    default  dev.graft.examples.hello  ACTIVE                                                        0",
                "GET     /hello  1.0.0    90       dev.graft.examples.hello  ACTIVE                                                        0",
                "GET     /hello  0.9.0    -        dev.graft.examples.hello  CONFLICT E_ROUTE_CONFLICT: x:1.0.0 already serves GET /hello  0"),
                commands.routes());
    }

    @Test
    void noRoutesSaysWhatToDo() {
        when(admin.routes()).thenReturn(List.of());
        assertEquals("no routes: no module serves HTTP (deploy one into deploy/)", commands.routes());
    }

    @Test
    void routesWithAnArgumentAnswersWithItsUsage() {
        assertEquals("graft:routes: unexpected argument 'extra'" + NL + "usage: graft:routes",
                failure(() -> commands.routes("extra")));
        verifyNoInteractions(admin);
    }

    @Test
    void canaryPassesWeightsAndRejectsBadPairsBeforeCallingTheRouter() throws Exception {
        assertEquals("canary for hello: 1.0.0=90 2.0.0=10, sticky by X-User",
                commands.canary("--key", "X-User", "hello", "1.0.0=90", "2.0.0=10"));
        verify(admin).setWeights("hello", Map.of("1.0.0", 90, "2.0.0", 10), "X-User");
        assertEquals("canary for hello: 1.0.0=50", commands.canary("hello", "1.0.0=50"));
        verify(admin).setWeights("hello", Map.of("1.0.0", 50), null);

        String usage = "usage: graft:canary [-k HEADER] <module-or-route> [<version>=<weight> …]";
        assertEquals("graft:canary: '2.0.0' is not <version>=<weight> (e.g. 2.0.0=10)" + NL + usage,
                failure(() -> commands.canary("other", "2.0.0")));
        assertEquals("graft:canary: '2.0.0=ten': the weight must be a whole number" + NL + usage,
                failure(() -> commands.canary("other", "2.0.0=ten")));
        assertEquals("graft:canary: '/hello' is not <version>=<weight> (e.g. 2.0.0=10); quote a route as one argument:"
                + " \"GET /hello\"" + NL + usage, failure(() -> commands.canary("GET", "/hello", "1.0.0=1")));
        verify(admin).setWeights(eq("hello"), any(), eq("X-User"));
    }

    @Test
    void canaryWithoutArgumentsOrWithAnUnknownOptionAnswersWithItsUsage() {
        String usage = "usage: graft:canary [-k HEADER] <module-or-route> [<version>=<weight> …]";
        assertEquals(usage, failure(commands::canary));
        assertEquals("graft:canary: unknown option -x" + NL + usage, failure(() -> commands.canary("-x", "hello")));
        assertEquals("graft:canary: -k needs a value (HEADER)" + NL + usage, failure(() -> commands.canary("hello", "-k")));
        verifyNoInteractions(admin);
    }

    @Test
    void whatTheRouterRefusesIsOneLineNamingTheCommand() throws Exception {
        doThrow(new IllegalArgumentException("no module or route named 'nosuch'; modules that serve routes: a.b"))
                .when(admin).setWeights(eq("nosuch"), anyMap(), any());
        assertEquals("graft:canary: no module or route named 'nosuch'; modules that serve routes: a.b",
                failure(() -> commands.canary("nosuch", "1.0.0=50")));
    }

    @Test
    void helpOptionDescribesTheCommandAndDoesNothing() {
        assertEquals(String.join(NL,
                "usage: graft:canary [-k HEADER] <module-or-route> [<version>=<weight> …]",
                "  split traffic between versions of a module or a route; with no weights, remove the split (the highest"
                        + " version serves everything)",
                "  -k, --key HEADER  a request header that keeps a client on one version (e.g. X-User); default: as"
                        + " configured, else the client address",
                "  e.g. graft:canary --key X-User hello 1.0.0=90 2.0.0=10; a route: graft:canary \"GET /hello\" 1.0.0=90"
                        + " 2.0.0=10"),
                commands.canary("--help"));
        assertEquals(RouteCommands.ROUTES.help(), commands.routes("-h"));
        verifyNoInteractions(admin);
    }

    @Test
    void routeWhyPrintsTheDecision() {
        RouteDecisionDTO decision = new RouteDecisionDTO();
        decision.status = 200;
        decision.module = "dev.graft.examples.hello/2.0.0";
        decision.path = "/hello";
        decision.reason = "X-API-Version: 2 selects the highest 2.x, 2.0.0";
        decision.candidates = new String[] {"dev.graft.examples.hello/2.0.0", "dev.graft.examples.hello/1.0.0"};
        when(admin.explain("GET", "/hello", Map.of("X-API-Version", "2"), "10.0.0.1")).thenReturn(decision);
        assertEquals(String.join(NL,
                "GET /hello -> 200 dev.graft.examples.hello/2.0.0",
                "  why: X-API-Version: 2 selects the highest 2.x, 2.0.0",
                "  versions of /hello: dev.graft.examples.hello/2.0.0, dev.graft.examples.hello/1.0.0"),
                commands.routewhy("get", "/hello", "X-API-Version=2", "-c", "10.0.0.1"));
    }

    @Test
    void routeWhyWithTooFewArgumentsAnswersWithItsUsage() {
        assertEquals("usage: graft:routewhy [-c ADDRESS] <method> <path> [<Header>=<value> …]", failure(commands::routewhy));
        assertEquals("usage: graft:routewhy [-c ADDRESS] <method> <path> [<Header>=<value> …]",
                failure(() -> commands.routewhy("GET")));
        verifyNoInteractions(admin);
    }
}
