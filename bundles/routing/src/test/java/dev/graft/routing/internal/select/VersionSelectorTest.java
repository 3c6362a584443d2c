package dev.graft.routing.internal.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.routing.internal.table.PathTemplate;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteMatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class VersionSelectorTest {

    private static RouteEntry v(String version) {
        return new RouteEntry("GET", PathTemplate.parse("/hello"), (q, r) -> {}, "hello", Version.parseVersion(version), 1, 1);
    }

    private static final RouteEntry V100 = v("1.0.0");
    private static final RouteEntry V110 = v("1.1.0");
    private static final RouteEntry V111 = v("1.1.1");
    private static final RouteEntry V200 = v("2.0.0");
    private static final List<RouteEntry> ALL = List.of(V200, V111, V110, V100); // highest first

    private static Selection select(Map<String, String> headers, SplitPolicy policy) {
        return VersionSelector.select(ALL, headers::get, () -> "10.0.0.1", policy);
    }

    private static RouteEntry chosen(Map<String, String> headers, SplitPolicy policy) {
        return assertInstanceOf(Selection.Chosen.class, select(headers, policy)).route();
    }

    private static SplitPolicy split(String weights) {
        return new SplitPolicy("hello", SplitPolicy.parseWeights(weights), "X-User", "X-Canary");
    }

    @Test
    void versionHeaderSelectsMajorMinorOrExact() {
        assertEquals(V200, chosen(Map.of("X-API-Version", "2"), null));
        assertEquals(V111, chosen(Map.of("X-API-Version", "1"), null));
        assertEquals(V111, chosen(Map.of("X-API-Version", "1.1"), null));
        assertEquals(V110, chosen(Map.of("X-API-Version", "1.1.0"), null));
        assertEquals(V100, chosen(Map.of("X-API-Version", "1.0.0"), null));
        // the header wins over weights
        assertEquals(V100, chosen(Map.of("X-API-Version", "1.0"), split("2.0.0=100")));
    }

    @Test
    void noMatchingVersionListsTheVersionsThatExist() {
        Selection.NoSuchVersion none = assertInstanceOf(Selection.NoSuchVersion.class, select(Map.of("X-API-Version", "3"), null));
        assertEquals("3", none.requested());
        assertEquals(List.of("2.0.0", "1.1.1", "1.1.0", "1.0.0"), none.available());
        assertInstanceOf(Selection.BadVersion.class, select(Map.of("X-API-Version", "two"), null));
    }

    @Test
    void withoutHeaderOrWeightsTheHighestServes() {
        assertEquals(V200, chosen(Map.of(), null));
        assertEquals(V200, chosen(Map.of(), split("9.9.9=100"))); // weights for absent versions do not apply
    }

    @Test
    void aSplitIsCloseToItsWeightsAndStickyPerKey() {
        SplitPolicy policy = split("1.0.0=90,2.0.0=10");
        int canary = 0;
        for (int i = 0; i < 10_000; i++) {
            RouteEntry route = chosen(Map.of("X-User", "user-" + i), policy);
            if (route == V200) {
                canary++;
            }
            assertEquals(route, chosen(Map.of("X-User", "user-" + i), policy), "sticky for user-" + i);
        }
        assertTrue(canary > 900 && canary < 1100, "canary share " + canary + " of 10000");
    }

    @Test
    void withoutTheKeyHeaderTheClientAddressIsTheKey() {
        SplitPolicy policy = split("1.0.0=50,2.0.0=50");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            String address = "10.0.0." + i;
            RouteEntry first = VersionSelector.select(ALL, h -> null, () -> address, policy) instanceof Selection.Chosen c ? c.route() : null;
            RouteEntry again = VersionSelector.select(ALL, h -> null, () -> address, policy) instanceof Selection.Chosen c ? c.route() : null;
            assertEquals(first, again);
            seen.merge(first.version().toString(), 1, Integer::sum);
        }
        assertEquals(2, seen.size());
    }

    @Test
    void theCanaryHeaderForcesOrAvoidsTheSmallestWeight() {
        SplitPolicy policy = split("1.0.0=90,2.0.0=10");
        for (int i = 0; i < 100; i++) {
            Map<String, String> always = new LinkedHashMap<>(Map.of("X-User", "u" + i, "X-Canary", "always"));
            Map<String, String> never = new LinkedHashMap<>(Map.of("X-User", "u" + i, "X-Canary", "never"));
            assertEquals(V200, chosen(always, policy));
            assertEquals(V100, chosen(never, policy));
        }
        // a dark canary: weight 0, reachable only through the header
        SplitPolicy dark = split("1.0.0=100,2.0.0=0");
        assertEquals(V100, chosen(Map.of("X-User", "anyone"), dark));
        assertEquals(V200, chosen(Map.of("X-Canary", "always"), dark));
    }

    private static String reason(List<RouteEntry> candidates, Map<String, String> headers, SplitPolicy policy) {
        return assertInstanceOf(Selection.Chosen.class,
                VersionSelector.select(candidates, headers::get, () -> "10.0.0.1", policy)).reason();
    }

    @Test
    void theReasonSaysWhyThisVersionWasChosen() {
        assertEquals("X-API-Version: 1.1 selects the highest 1.1.x, 1.1.1", reason(ALL, Map.of("X-API-Version", " 1.1 "), null));
        assertEquals("X-API-Version: 1.0.0 selects the highest 1.0.0, 1.0.0", reason(ALL, Map.of("X-API-Version", "1.0.0"), null));
        assertEquals("the only active version", reason(List.of(V100), Map.of(), null));
        assertEquals("no weights apply: the highest active version, 2.0.0", reason(ALL, Map.of(), null));
        SplitPolicy policy = split("1.0.0=90,2.0.0=10");
        assertEquals("X-Canary: always selects the canary, 2.0.0", reason(ALL, Map.of("X-Canary", "always"), policy));
        assertEquals("X-Canary: never avoids the canary 2.0.0; weights give 1.0.0",
                reason(ALL, Map.of("X-Canary", "never", "X-User", "u1"), policy));
        RouteEntry chosen = chosen(Map.of("X-User", "u1"), policy);
        assertEquals("weights 1.0.0=90/2.0.0=10, key 'u1' gives " + chosen.version(),
                reason(ALL, Map.of("X-User", "u1"), policy));
        RouteEntry byAddress = chosen(Map.of(), policy);
        assertEquals("weights 1.0.0=90/2.0.0=10, key '10.0.0.1' gives " + byAddress.version(), reason(ALL, Map.of(), policy));
    }

    @Test
    void weightsParseWithReadableErrors() {
        assertEquals(Map.of(Version.parseVersion("1.0.0"), 90, Version.parseVersion("2.0.0"), 10),
                SplitPolicy.parseWeights(" 1.0.0=90 , 2.0.0=10 "));
        assertEquals("1.0.0=90,2.0.0=10", SplitPolicy.format(SplitPolicy.parseWeights("2.0.0=10,1.0.0=90")));
        assertEquals("'x' is not version=weight",
                assertThrows(IllegalArgumentException.class, () -> SplitPolicy.parseWeights("x")).getMessage());
        assertEquals("weight '-5' of 1.0.0 must be a whole number, 0 or more",
                assertThrows(IllegalArgumentException.class, () -> SplitPolicy.parseWeights("1.0.0=-5")).getMessage());
        assertEquals("'one' is not a version",
                assertThrows(IllegalArgumentException.class, () -> SplitPolicy.parseWeights("one=5")).getMessage());
    }

    @Test
    void aPolicyAppliesToItsModuleOrRoute() {
        assertTrue(split("1.0.0=1").appliesTo("GET", "/hello", "dev.graft.examples.hello"));
        assertTrue(new SplitPolicy("GET /hello", Map.of(), "", "X-Canary").appliesTo("GET", "/hello", "x"));
        assertTrue(!new SplitPolicy("GET /hello", Map.of(), "", "X-Canary").appliesTo("POST", "/hello", "x"));
        assertTrue(!split("1.0.0=1").appliesTo("GET", "/hello", "dev.graft.examples.othello"));
    }

    @Test
    void aRequestWaitsOnlyForAnUpdatingVersionItWouldMatch() {
        long soon = System.nanoTime() + 1_000_000_000L;
        long later = soon + 1_000_000_000L;
        List<RouteMatch.Updating> updating = List.of(
                new RouteMatch.Updating(Version.parseVersion("1.0.0"), soon),
                new RouteMatch.Updating(Version.parseVersion("1.1.0"), later));
        assertEquals(later, VersionSelector.awaitedUntil(updating, "1"));
        assertEquals(soon, VersionSelector.awaitedUntil(updating, "1.0"));
        assertEquals(soon, VersionSelector.awaitedUntil(updating, "1.0.0"));
        assertEquals(0, VersionSelector.awaitedUntil(updating, "3"), "a version that never existed does not wait");
        assertEquals(0, VersionSelector.awaitedUntil(List.of(), "1"));
    }
}
