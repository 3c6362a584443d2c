package dev.graft.auth.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class PolicyIndexTest {

    private static Policy policy(String name, String... keysAndValues) {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Policy.parse(name, properties);
    }

    @Test
    void theMostSpecificPatternWins() {
        PolicyIndex index = new PolicyIndex(List.of(
                policy("all", "pattern", "/*", "access", "deny"),
                policy("api", "pattern", "/api/*", "access", "authenticated"),
                policy("orders", "pattern", "/api/orders/*", "roles", "orders:read"),
                policy("exact", "pattern", "/api/orders/export", "access", "deny"),
                policy("posts", "pattern", "/api/orders/*", "methods", "POST", "roles", "orders:write")));
        assertEquals("exact", index.find("GET", "/api/orders/export", null, null).name());
        assertEquals("orders", index.find("GET", "/api/orders/7", null, null).name());
        assertEquals("orders", index.find("GET", "/api/orders", null, null).name());
        assertEquals("posts", index.find("POST", "/api/orders/7", null, null).name());
        assertEquals("api", index.find("GET", "/api/ordersx", null, null).name());
        assertEquals("all", index.find("GET", "/other", null, null).name());
    }

    @Test
    void aPrefixPatternMatchesItsPathAndWhatIsBelowItOnly() {
        assertTrue(Policy.matchesPath("/hello/*", "/hello"));
        assertTrue(Policy.matchesPath("/hello/*", "/hello/"));
        assertTrue(Policy.matchesPath("/hello/*", "/hello/ann"));
        assertFalse(Policy.matchesPath("/hello/*", "/helloX"));
        assertFalse(Policy.matchesPath("/hello/*", "/hell"));
        assertFalse(Policy.matchesPath("/hello/*", "/"));
        assertTrue(Policy.matchesPath("/*", "/anything"));
        assertTrue(Policy.matchesPath("/catalog", "/catalog"));
        assertFalse(Policy.matchesPath("/catalog", "/catalog/x"));
    }

    @Test
    void moduleAndVersionRangeNarrowAPolicy() {
        PolicyIndex index = new PolicyIndex(List.of(
                policy("v1", "pattern", "/hello/*", "module", "dev.graft.examples.hello", "versions", "[1.0,2)",
                        "access", "anonymous"),
                policy("hello", "pattern", "/hello/*", "access", "deny")));
        assertEquals("v1", index.find("GET", "/hello", "dev.graft.examples.hello", new Version(1, 5, 0)).name());
        assertEquals("hello", index.find("GET", "/hello", "dev.graft.examples.hello", new Version(2, 0, 0)).name());
        assertEquals("hello", index.find("GET", "/hello", "other", new Version(1, 0, 0)).name());
        assertNull(new PolicyIndex(List.of()).find("GET", "/x", null, null));
    }

    @Test
    void aBadPolicySaysWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> policy("p")).getMessage().contains("pattern is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> policy("p", "pattern", "/a*b", "access", "deny"))
                .getMessage().contains("not /exact, /prefix/* or /*"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> policy("p", "pattern", "/a", "access", "maybe"))
                .getMessage().contains("not anonymous, authenticated or deny"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> policy("p", "pattern", "/a", "access", "deny",
                "versions", "[x")).getMessage().contains("not a version range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> policy("p", "pattern", "/a", "access", "deny",
                "rate", "fast")).getMessage().contains("not a number"));
        // roles alone imply authenticated
        assertEquals(Access.AUTHENTICATED, policy("p", "pattern", "/a", "roles", "x").access());
    }
}
