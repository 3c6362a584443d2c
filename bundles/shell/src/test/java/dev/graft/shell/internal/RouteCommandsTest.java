package dev.graft.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
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

    @Test
    void routesIsAnAlignedTable() {
        when(admin.routes()).thenReturn(List.of(route("2.0.0", -1, true, "ACTIVE", null),
                route("1.0.0", 90, false, "ACTIVE", null), route("0.9.0", -1, false, "CONFLICT", "E_ROUTE_CONFLICT")));
        assertEquals(String.join(System.lineSeparator(),
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
    void canaryPassesWeightsAndRejectsBadPairsBeforeCallingTheRouter() throws Exception {
        assertEquals("canary for hello: 1.0.0=90 2.0.0=10, sticky by X-User",
                commands.canary("X-User", "hello", "1.0.0=90", "2.0.0=10"));
        verify(admin).setWeights("hello", Map.of("1.0.0", 90, "2.0.0", 10), "X-User");

        assertEquals("'2.0.0' is not version=weight (e.g. 2.0.0=10)",
                assertThrows(IllegalArgumentException.class, () -> commands.canary("", "other", "2.0.0")).getMessage());
        assertEquals("'2.0.0=ten': the weight must be a whole number",
                assertThrows(IllegalArgumentException.class, () -> commands.canary("", "other", "2.0.0=ten")).getMessage());
        verify(admin).setWeights(eq("hello"), any(), eq("X-User"));
    }

    @Test
    void routeWhyPrintsTheDecision() {
        RouteDecisionDTO decision = new RouteDecisionDTO();
        decision.status = 200;
        decision.module = "dev.graft.examples.hello/2.0.0";
        decision.path = "/hello";
        decision.reason = "X-API-Version: 2 selects the highest 2.x, 2.0.0";
        decision.candidates = new String[] {"dev.graft.examples.hello/2.0.0", "dev.graft.examples.hello/1.0.0"};
        when(admin.explain("GET", "/hello", Map.of("X-API-Version", "2"), "127.0.0.1")).thenReturn(decision);
        assertEquals(String.join(System.lineSeparator(),
                "GET /hello -> 200 dev.graft.examples.hello/2.0.0",
                "  why: X-API-Version: 2 selects the highest 2.x, 2.0.0",
                "  versions of /hello: dev.graft.examples.hello/2.0.0, dev.graft.examples.hello/1.0.0"),
                new RouteWhyFunction(commands).execute(null, List.of("GET", "/hello", "X-API-Version=2")));
    }

    @Test
    void routeWhyWithoutArgumentsPrintsItsUsage() {
        assertEquals(RouteWhyFunction.USAGE, new RouteWhyFunction(commands).execute(null, List.of()));
        verifyNoInteractions(admin);
    }
}
