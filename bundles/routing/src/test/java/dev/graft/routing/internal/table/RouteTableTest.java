package dev.graft.routing.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.route.RouteHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class RouteTableTest {

    private final RouteTable table = new RouteTable();
    private long nextServiceId = 1;

    private RouteEntry route(String method, String path, String module, String version) {
        return route(method, path, module, version, 7);
    }

    private RouteEntry route(String method, String path, String module, String version, long bundleId) {
        RouteHandler handler = (request, response) -> {};
        return new RouteEntry(method, PathTemplate.parse(path), handler, module, Version.parseVersion(version),
                nextServiceId++, bundleId);
    }

    private List<RouteMatch.Updating> updating(String path) {
        return assertInstanceOf(RouteMatch.Found.class, table.match("GET", path)).updating();
    }

    private RouteEntry found(String method, String path) {
        return assertInstanceOf(RouteMatch.Found.class, table.match(method, path)).candidates().get(0);
    }

    @Test
    void literalWinsOverParameterAndParametersAreBound() {
        RouteEntry literal = route("GET", "/hello/world", "a", "1.0.0");
        RouteEntry param = route("GET", "/hello/{name}", "a", "1.0.0");
        table.add(param);
        table.add(literal);

        assertEquals(literal, found("GET", "/hello/world"));
        RouteMatch.Found match = assertInstanceOf(RouteMatch.Found.class, table.match("GET", "/hello/ann"));
        assertEquals(param, match.candidates().get(0));
        assertEquals(Map.of("name", "ann"), param.template().parameters(match.pathSegments()));
    }

    @Test
    void backtracksFromADeadEndLiteralToAParameter() {
        RouteEntry deep = route("GET", "/a/b/c", "m", "1.0.0");
        RouteEntry param = route("GET", "/a/{x}", "m", "1.0.0");
        table.add(deep);
        table.add(param);
        assertEquals(param, found("GET", "/a/b"));
        assertEquals(deep, found("GET", "/a/b/c"));
    }

    @Test
    void unknownPathIsNotFoundAndWrongMethodListsTheAllowedOnes() {
        table.add(route("GET", "/items", "m", "1.0.0"));
        table.add(route("POST", "/items", "m", "1.0.0"));

        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/nothing"));
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/items/1"));
        RouteMatch.MethodNotAllowed notAllowed =
                assertInstanceOf(RouteMatch.MethodNotAllowed.class, table.match("DELETE", "/items"));
        assertEquals(List.of("GET", "HEAD", "POST"), List.copyOf(notAllowed.allowed()));
    }

    @Test
    void headIsServedByGet() {
        RouteEntry get = route("GET", "/x", "m", "1.0.0");
        table.add(get);
        assertEquals(get, found("HEAD", "/x"));
    }

    @Test
    void theHighestVersionOfTheOwningModuleServes() {
        RouteEntry v1 = route("GET", "/hello", "hello", "1.0.0");
        RouteEntry v11 = route("GET", "/hello", "hello", "1.1.0");
        assertEquals(Optional.empty(), table.add(v1));
        assertEquals(Optional.empty(), table.add(v11));
        assertEquals(v11, found("GET", "/hello"));

        table.remove(v11, 0);
        assertEquals(v1, found("GET", "/hello"));
        table.remove(v1, 0);
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/hello"));
    }

    @Test
    void versionsOfOneModuleAreCandidatesHighestFirst() {
        RouteEntry v1 = route("GET", "/hello", "hello", "1.0.0");
        RouteEntry v2 = route("GET", "/hello", "hello", "2.0.0");
        table.add(v2);
        table.add(v1);
        assertEquals(List.of(v2, v1), assertInstanceOf(RouteMatch.Found.class, table.match("GET", "/hello")).candidates());
    }

    @Test
    void aWithdrawnRouteIsHeldUntilItsModuleReturnsOrTheHoldIsReleased() throws Exception {
        RouteEntry v1 = route("GET", "/hello", "hello", "1.0.0");
        table.add(v1);
        long until = System.nanoTime() + 5_000_000_000L;
        table.remove(v1, until);
        assertEquals(until, assertInstanceOf(RouteMatch.Held.class, table.match("GET", "/hello")).untilNanos());

        RouteEntry v11 = route("GET", "/hello", "hello", "1.1.0");
        table.add(v11);
        assertEquals(v11, found("GET", "/hello"));

        table.remove(v11, until);
        table.releaseHolds(7);
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/hello"));
    }

    @Test
    void aVersionWithdrawnForAnUpdateIsWaitedForWhileTheOthersServe() {
        RouteEntry one = route("GET", "/hello", "hello", "1.0.0", 7);
        RouteEntry two = route("GET", "/hello", "hello", "2.0.0", 8);
        table.add(one);
        table.add(two);
        assertEquals(List.of(), updating("/hello"));

        long until = System.nanoTime() + 5_000_000_000L;
        table.remove(one, until);
        RouteMatch.Found match = assertInstanceOf(RouteMatch.Found.class, table.match("GET", "/hello"));
        assertEquals(List.of(two), match.candidates());
        assertEquals(List.of(new RouteMatch.Updating(Version.parseVersion("1.0.0"), until)), match.updating());

        RouteEntry oneUpdated = route("GET", "/hello", "hello", "1.0.1", 7);
        table.add(oneUpdated); // the same bundle is back
        assertEquals(List.of(), updating("/hello"));

        table.remove(oneUpdated, until);
        table.releaseHolds(7); // uninstalled instead
        assertEquals(List.of(), updating("/hello"));
        assertEquals(two, found("GET", "/hello"));

        RouteEntry oneAgain = route("GET", "/hello", "hello", "1.0.0", 9);
        table.add(oneAgain);
        table.remove(oneAgain, 0); // a plain stop: nothing to wait for
        assertEquals(List.of(), updating("/hello"));
        table.add(oneAgain);
        table.remove(oneAgain, System.nanoTime() - 1); // the deadline has passed
        assertEquals(List.of(), updating("/hello"));
    }

    @Test
    void aConflictingModuleWithdrawnForAnUpdateIsNotWaitedFor() {
        table.add(route("GET", "/x", "a", "1.0.0", 7));
        RouteEntry other = route("GET", "/x", "b", "1.0.0", 8);
        table.add(other);
        table.remove(other, System.nanoTime() + 5_000_000_000L);
        assertEquals(List.of(), updating("/x"));
    }

    @Test
    void aHoldEndsAtItsDeadline() {
        RouteEntry v1 = route("GET", "/hello", "hello", "1.0.0");
        table.add(v1);
        table.remove(v1, System.nanoTime() - 1);
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/hello"));
    }

    @Test
    void theMethodDecidesBetweenALiteralAndAParameter() {
        RouteEntry me = route("GET", "/users/me", "a", "1.0.0");
        RouteEntry post = route("POST", "/users/{id}", "a", "1.0.0");
        table.add(me);
        table.add(post);
        assertEquals(me, found("GET", "/users/me"));
        assertEquals(post, found("POST", "/users/me"));
        RouteMatch.MethodNotAllowed notAllowed =
                assertInstanceOf(RouteMatch.MethodNotAllowed.class, table.match("DELETE", "/users/me"));
        assertEquals(List.of("GET", "HEAD", "POST"), List.copyOf(notAllowed.allowed()));
    }

    @Test
    void theFirstModuleKeepsItsRouteWhileAnyOfItsVersionsRemain() {
        RouteEntry a1 = route("GET", "/x", "a", "1.0.0");
        RouteEntry b = route("GET", "/x", "b", "1.0.0");
        RouteEntry a2 = route("GET", "/x", "a", "2.0.0");
        table.add(a1);
        table.add(b);
        table.add(a2);
        table.remove(a1, 0);
        assertEquals(a2, found("GET", "/x"));
        assertEquals(List.of(b), table.conflicts());
    }

    @Test
    void aHeldRouteIsNotTakenOverByAnotherModuleUntilTheHoldEnds() {
        RouteEntry a1 = route("GET", "/x", "a", "1.0.0");
        RouteEntry b = route("GET", "/x", "b", "1.0.0");
        table.add(a1);
        table.add(b);
        table.remove(a1, System.nanoTime() + 5_000_000_000L);
        assertInstanceOf(RouteMatch.Held.class, table.match("GET", "/x"));
        RouteEntry a11 = route("GET", "/x", "a", "1.1.0");
        table.add(a11);
        assertEquals(a11, found("GET", "/x"));

        table.remove(a11, System.nanoTime() + 5_000_000_000L);
        table.releaseHolds(7);
        assertEquals(b, found("GET", "/x"));
    }

    @Test
    void afterAHoldRunsOutTheFirstRegisteredRemainingModuleOwnsTheSlot() throws Exception {
        RouteEntry a = route("GET", "/x", "a", "1.0.0", 7);
        RouteEntry b = route("GET", "/x", "b", "1.0.0", 8);
        table.add(a);
        table.add(b);
        long until = System.nanoTime() + 100_000_000L;
        table.remove(a, until); // a is being updated and never comes back
        assertInstanceOf(RouteMatch.Held.class, table.match("GET", "/x"));
        while (System.nanoTime() - until <= 0) {
            Thread.sleep(10);
        }
        assertEquals(b, found("GET", "/x"));

        RouteEntry c = route("GET", "/x", "c", "1.0.0", 9);
        assertEquals(Optional.of(b), table.add(c), "a later module must not take the slot from b");
        assertEquals(b, found("GET", "/x"));
        assertEquals(List.of(c), table.conflicts());
    }

    @Test
    void aWaitEndsAtOnceWhenTheTableChangedSinceTheLookup() throws Exception {
        long seen = table.changes();
        table.add(route("GET", "/x", "a", "1.0.0"));
        long start = System.nanoTime();
        table.awaitChange(seen, System.nanoTime() + 5_000_000_000L);
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
    }

    @Test
    void anotherModuleClaimingTheSameRouteIsAConflictAndTheEarlierKeepsServing() {
        RouteEntry owner = route("GET", "/users/{id}", "a", "1.0.0");
        RouteEntry intruder = route("GET", "/users/{uid}", "b", "9.0.0");
        table.add(owner);

        assertEquals(Optional.of(owner), table.add(intruder));
        assertEquals(owner, found("GET", "/users/1"));
        assertEquals(List.of(intruder), table.conflicts());
        assertEquals(2, table.routes().size());

        table.remove(owner, 0);
        RouteMatch.Found promoted = assertInstanceOf(RouteMatch.Found.class, table.match("GET", "/users/1"));
        assertEquals(intruder, promoted.candidates().get(0));
        assertEquals(Map.of("uid", "1"), intruder.template().parameters(promoted.pathSegments()));
        assertTrue(table.conflicts().isEmpty());
    }

    @Test
    void lookupCostDoesNotDependOnTheNumberOfRoutes() {
        for (int i = 0; i < 10_000; i++) {
            table.add(route("GET", "/r" + i + "/{id}", "m", "1.0.0"));
        }
        assertEquals("/r9999/{id}", found("GET", "/r9999/x").template().toString());
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/r10000/x"));
    }
}
