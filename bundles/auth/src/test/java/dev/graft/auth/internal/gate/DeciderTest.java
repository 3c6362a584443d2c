package dev.graft.auth.internal.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.FailureCode;
import dev.graft.api.auth.AuthResult;
import dev.graft.api.auth.Authenticator;
import dev.graft.api.auth.Principal;
import dev.graft.api.route.RouteInfo;
import dev.graft.api.route.RouteRequest;
import dev.graft.auth.internal.policy.Access;
import dev.graft.auth.internal.policy.Policy;
import dev.graft.auth.internal.policy.PolicyIndex;
import java.io.InputStream;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class DeciderTest {

    private record Request(String method, String path, Map<String, String> headerMap) implements RouteRequest {
        public String pathParameter(String name) { throw new IllegalArgumentException(name); }
        public Map<String, String> pathParameters() { return Map.of(); }
        public Optional<String> header(String name) { return Optional.ofNullable(headerMap.get(name)); }
        public List<String> headers(String name) { return header(name).map(List::of).orElse(List.of()); }
        public Optional<String> queryParameter(String name) { return Optional.empty(); }
        public String remoteAddress() { return "127.0.0.1"; }
        public InputStream body() { return InputStream.nullInputStream(); }
        public Optional<Object> attribute(String name) { return Optional.empty(); }
    }

    private record Route(String method, String template, String module, Version version, Map<String, Object> properties)
            implements RouteInfo {}

    /** Trusts X-User, with the roles in X-Roles. */
    private static final Authenticator HEADER = new Authenticator() {
        public boolean handles(RouteRequest request) { return request.header("X-User").isPresent(); }
        public AuthResult authenticate(RouteRequest request) {
            if (request.header("X-User").get().equals("bad")) {
                return AuthResult.failure(AuthResult.Failure.INVALID, "bad user");
            }
            return AuthResult.success(new Principal(request.header("X-User").get(), "header",
                    Set.of(request.header("X-Roles").orElse("").split(",")), Set.of()));
        }
        public String challenge() { return "Header"; }
    };

    private static final List<Authenticators.Named> AUTHENTICATORS =
            List.of(new Authenticators.Named("header", HEADER, 0, 1, "test"));
    private static final Policy OPEN = Policy.fallback(Access.ANONYMOUS, List.of(), 0, 1);
    private static final Route ORDERS = new Route("GET", "/orders", "m", Version.emptyVersion, Map.of("auth.roles", "orders:read"));
    private static final Route PLAIN = new Route("GET", "/plain", "m", Version.emptyVersion, Map.of());

    private static Decision decide(PolicyIndex index, Policy fallback, Route route, String... headers) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return Decider.decide(index, fallback, AUTHENTICATORS, new Request("GET", route.template(), map), route);
    }

    private static PolicyIndex policies(String name, String... keysAndValues) {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new PolicyIndex(List.of(Policy.parse(name, properties)));
    }

    @Test
    void aRouteDeclaringRolesNeedsThemWhateverTheDefault() {
        assertEquals(FailureCode.E_AUTH_MISSING, decide(PolicyIndex.EMPTY, OPEN, ORDERS).code());
        assertEquals("Header", decide(PolicyIndex.EMPTY, OPEN, ORDERS).challenge());
        assertEquals(FailureCode.E_AUTH_INVALID, decide(PolicyIndex.EMPTY, OPEN, ORDERS, "X-User", "bad").code());
        Decision forbidden = decide(PolicyIndex.EMPTY, OPEN, ORDERS, "X-User", "ann", "X-Roles", "other");
        assertEquals(FailureCode.E_AUTH_FORBIDDEN, forbidden.code());
        assertTrue(forbidden.reason().contains("lacks roles [orders:read]"), forbidden.reason());
        Decision allowed = decide(PolicyIndex.EMPTY, OPEN, ORDERS, "X-User", "ann", "X-Roles", "orders:read");
        assertNull(allowed.code());
        assertEquals("ann", allowed.principal().name());
        assertNull(decide(PolicyIndex.EMPTY, OPEN, PLAIN).code(), "nothing declared, default anonymous");
    }

    @Test
    void anOperatorPolicyTightensButNeverLoosensTheRoute() {
        PolicyIndex anonymous = policies("open", "pattern", "/orders", "access", "anonymous");
        assertEquals(FailureCode.E_AUTH_MISSING, decide(anonymous, OPEN, ORDERS).code());
        PolicyIndex audit = policies("audit", "pattern", "/orders", "roles", "orders:audit");
        assertEquals(FailureCode.E_AUTH_FORBIDDEN,
                decide(audit, OPEN, ORDERS, "X-User", "ann", "X-Roles", "orders:read").code());
        assertEquals(FailureCode.E_AUTH_FORBIDDEN,
                decide(audit, OPEN, ORDERS, "X-User", "ann", "X-Roles", "orders:audit").code());
        assertNull(decide(audit, OPEN, ORDERS, "X-User", "ann", "X-Roles", "orders:audit,orders:read").code());
        assertEquals(FailureCode.E_AUTH_FORBIDDEN, decide(policies("no", "pattern", "/*", "access", "deny"), OPEN,
                ORDERS, "X-User", "ann", "X-Roles", "orders:read").code());
    }

    @Test
    void theDefaultAppliesToUndeclaredRoutesAndAPublicRouteOnlyWithoutAPolicy() {
        Policy deny = Policy.fallback(Access.DENY, List.of(), 0, 1);
        assertEquals(FailureCode.E_AUTH_FORBIDDEN, decide(PolicyIndex.EMPTY, deny, PLAIN).code());
        Route publicRoute = new Route("GET", "/plain", "m", Version.emptyVersion, Map.of("auth.public", "true"));
        assertNull(decide(PolicyIndex.EMPTY, deny, publicRoute).code());
        assertEquals(FailureCode.E_AUTH_MISSING,
                decide(policies("p", "pattern", "/plain", "access", "authenticated"), deny, publicRoute).code());
    }

    @Test
    void aThrowingAuthenticatorLetsNothingThrough() {
        Authenticator broken = new Authenticator() {
            public boolean handles(RouteRequest request) { return true; }
            public AuthResult authenticate(RouteRequest request) { throw new IllegalStateException("boom"); }
            public String challenge() { return "Broken"; }
        };
        Decision decision = Decider.decide(PolicyIndex.EMPTY, OPEN, List.of(new Authenticators.Named("broken", broken, 9, 2,
                "demo:1.0.0")), new Request("GET", "/orders", Map.of()), ORDERS);
        assertEquals(FailureCode.E_AUTH_UNAVAILABLE, decision.code());
        assertTrue(decision.reason().contains("broken of demo:1.0.0 threw java.lang.IllegalStateException"), decision.reason());
    }

    @Test
    void aPolicyNamingAnAbsentAuthenticatorIsUnavailable() {
        PolicyIndex jwtOnly = policies("jwt", "pattern", "/orders", "authenticators", "jwt");
        Decision decision = decide(jwtOnly, OPEN, ORDERS, "X-User", "ann", "X-Roles", "orders:read");
        assertEquals(FailureCode.E_AUTH_UNAVAILABLE, decision.code());
        assertEquals(503, decision.status());
    }
}
