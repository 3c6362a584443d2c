package dev.graft.routing.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.route.RouteHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
    void idleVersionsAreListedButNeverServeAndServeAgainWhenNoLongerIdle() {
        RouteEntry v1 = route("GET", "/hello", "demo.hello", "1.0.0");
        RouteEntry v2 = route("GET", "/hello", "demo.hello", "2.0.0");
        table.add(v1);
        table.idle(java.util.Set.of("demo.hello/2.0.0")); // 2.0.0 coming: on standby before it registers
        table.add(v2);
        assertEquals(List.of(v1), assertInstanceOf(RouteMatch.Found.class, table.match("GET", "/hello")).candidates());
        assertTrue(table.routes().contains(v2));

        table.idle(java.util.Set.of("demo.hello/1.0.0")); // switched: 2.0.0 serves, 1.0.0 retired
        assertEquals(List.of(v2), assertInstanceOf(RouteMatch.Found.class, table.match("GET", "/hello")).candidates());

        table.idle(java.util.Set.of("demo.hello/1.0.0", "demo.hello/2.0.0")); // nothing serves the module
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/hello"));
        RouteEntry brandNew = route("GET", "/other", "demo.other", "1.0.0");
        table.idle(java.util.Set.of("demo.other/1.0.0"));
        table.add(brandNew);
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/other"));
        table.idle(java.util.Set.of());
        assertEquals(brandNew, found("GET", "/other"));
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
    void manySiblingRoutesAreAddedAndRemovedAndTheTreeIsPrunedAfterThem() {
        List<RouteEntry> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            all.add(route("GET", "/r/" + i, "m", "1.0.0"));
        }
        for (int i = 0; i < 2_000; i++) {
            all.add(route("GET", "/n/a" + (i % 50) + "/b" + (i / 50) + "/{id}", "m", "1.0.0"));
        }
        RouteEntry parameter = route("POST", "/n/{p}/c", "m", "1.0.0");
        all.add(parameter);
        all.forEach(table::add);
        assertEquals(all.size(), table.routes().size());
        assertEquals("/r/0", found("GET", "/r/0").template().toString());
        assertEquals("/r/19999", found("GET", "/r/19999").template().toString());
        assertEquals("/n/a7/b39/{id}", found("GET", "/n/a7/b39/x").template().toString());
        assertEquals(parameter, found("POST", "/n/a7/c"));
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/r/20000"));

        // the even siblings go first: the odd ones still serve
        for (int i = 0; i < 20_000; i += 2) {
            table.remove(all.get(i), 0);
        }
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/r/0"));
        assertEquals("/r/19999", found("GET", "/r/19999").template().toString());
        for (RouteEntry entry : all) {
            table.remove(entry, 0); // removing a removed route again is ignored
        }

        assertEquals(List.of(), table.routes());
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/r/19999"));
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/n/a7/b39/x"));
        assertEquals(1, table.nodeCount(), "nodes that lead to no route are pruned; only the root is left");

        RouteEntry again = route("GET", "/r/5", "m", "1.0.0");
        table.add(again); // a pruned path can be used again
        assertEquals(again, found("GET", "/r/5"));
        assertEquals(3, table.nodeCount());
    }

    @Test
    void lookupsRacingChangesAlwaysFindTheRoutesThatStay() throws Exception {
        RouteEntry stays = route("GET", "/r/stays", "m", "1.0.0");
        RouteEntry deep = route("GET", "/r/5/deep/{id}", "m", "1.0.0");
        table.add(stays);
        table.add(deep);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && failure.get() == null) {
                if (!(table.match("GET", "/r/stays") instanceof RouteMatch.Found f) || f.candidates().get(0) != stays) {
                    failure.set("/r/stays was not found");
                }
                if (!(table.match("GET", "/r/5/deep/x") instanceof RouteMatch.Found f) || f.candidates().get(0) != deep) {
                    failure.set("/r/5/deep/x was not found");
                }
            }
        });
        reader.start();
        try {
            for (int round = 0; round < 20; round++) {
                List<RouteEntry> churn = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    churn.add(route("GET", "/r/" + i + (i % 2 == 0 ? "" : "/{id}"), "m", "1.0.0"));
                }
                churn.forEach(table::add);
                churn.forEach(entry -> table.remove(entry, 0)); // /r/5 keeps its node: deep needs it
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertEquals(null, failure.get());
        assertEquals(List.of(stays, deep), table.routes().stream()
                .sorted(java.util.Comparator.comparingLong(RouteEntry::serviceId)).toList());
        assertEquals(6, table.nodeCount()); // root, r, stays, 5, deep, {id}
    }

    @Test
    void aWithdrawnRouteThatIsHeldKeepsItsNodeUntilReleased() {
        RouteEntry deep = route("GET", "/a/b/c", "m", "1.0.0");
        table.add(deep);
        table.remove(deep, System.nanoTime() + 5_000_000_000L);
        assertInstanceOf(RouteMatch.Held.class, table.match("GET", "/a/b/c"));
        assertEquals(4, table.nodeCount());
        table.releaseHolds(7);
        assertInstanceOf(RouteMatch.NotFound.class, table.match("GET", "/a/b/c"));
        assertEquals(1, table.nodeCount());
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
