package dev.graft.auth.internal.gate;

import dev.graft.api.FailureCode;
import dev.graft.api.auth.AuthConstants;
import dev.graft.api.auth.AuthResult;
import dev.graft.api.auth.Principal;
import dev.graft.api.route.RouteInfo;
import dev.graft.api.route.RouteRequest;
import dev.graft.auth.internal.policy.Access;
import dev.graft.auth.internal.policy.Policy;
import dev.graft.auth.internal.policy.PolicyIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The decision for one request, without side effects: the policy (most specific operator policy,
 * else the route's own properties, else the default), then the authenticators it accepts, then the
 * roles and scopes. A route's {@code auth.roles}/{@code auth.scopes} always apply on top of an
 * operator's policy: it can add requirements, never remove them.
 */
public final class Decider {

    private Decider() {}

    public static Decision decide(PolicyIndex policies, Policy fallback, List<Authenticators.Named> authenticators,
            RouteRequest request, RouteInfo route) {
        Map<String, Object> properties = route == null ? Map.of() : route.properties();
        Set<String> routeRoles = strings(properties.get(AuthConstants.ROUTE_ROLES));
        Set<String> routeScopes = strings(properties.get(AuthConstants.ROUTE_SCOPES));
        Policy matched = policies.find(request.method(), request.path(), route == null ? null : route.module(),
                route == null ? null : route.version());
        Policy policy;
        Access access;
        if (matched != null) {
            policy = matched;
            access = matched.access();
        } else if (!routeRoles.isEmpty() || !routeScopes.isEmpty()) {
            policy = Policy.fallback(Access.AUTHENTICATED, fallback.authenticators(), fallback.rate(), fallback.burst());
            policy = rename(policy, "route");
            access = Access.AUTHENTICATED;
        } else if ("true".equals(String.valueOf(properties.get(AuthConstants.ROUTE_PUBLIC)))) {
            policy = rename(fallback, "route");
            access = Access.ANONYMOUS;
        } else {
            policy = fallback;
            access = fallback.access();
        }
        Set<String> roles = union(policy.roles(), routeRoles);
        Set<String> scopes = union(policy.scopes(), routeScopes);
        if (access == Access.ANONYMOUS && (!routeRoles.isEmpty() || !routeScopes.isEmpty())) {
            access = Access.AUTHENTICATED; // a policy never loosens what the route declares
        }
        if (access == Access.DENY) {
            return new Decision(FailureCode.E_AUTH_FORBIDDEN, policy, null, null, null,
                    "policy " + policy.name() + " denies " + request.method() + " " + request.path());
        }
        if (access == Access.ANONYMOUS) {
            Policy applied = policy;
            return new Decision(null, policy, null, null, null, (Supplier<String>) () -> "policy " + applied.name()
                    + " allows anonymous access");
        }
        List<Authenticators.Named> accepted = accepted(policy, authenticators);
        if (accepted.isEmpty()) {
            return new Decision(FailureCode.E_AUTH_UNAVAILABLE, policy, null, null, null, "none of the authenticators "
                    + (policy.authenticators().isEmpty() ? "" : policy.authenticators() + " ") + "policy " + policy.name()
                    + " accepts is registered");
        }
        for (Authenticators.Named named : accepted) {
            AuthResult result;
            try {
                if (!named.authenticator().handles(request)) {
                    continue;
                }
                result = named.authenticator().authenticate(request);
            } catch (RuntimeException e) {
                // a broken authenticator never lets a request through: 503, and the log names it
                return new Decision(FailureCode.E_AUTH_UNAVAILABLE, policy, named.name(), null, null, "authenticator "
                        + named.name() + " of " + named.owner() + " threw " + e.getClass().getName());
            }
            if (result == null) {
                return new Decision(FailureCode.E_AUTH_UNAVAILABLE, policy, named.name(), null, null, "authenticator "
                        + named.name() + " of " + named.owner() + " returned no result");
            }
            if (result.failure().isPresent()) {
                FailureCode code = switch (result.failure().get()) {
                    case MISSING -> FailureCode.E_AUTH_MISSING;
                    case EXPIRED -> FailureCode.E_AUTH_EXPIRED;
                    case INVALID -> FailureCode.E_AUTH_INVALID;
                };
                return new Decision(code, policy, named.name(), null, challenges(accepted), named.name() + ": " + result.reason());
            }
            Principal principal = result.principal().orElseThrow();
            if (!principal.roles().containsAll(roles) || !principal.scopes().containsAll(scopes)) {
                Set<String> missing = new LinkedHashSet<>(roles);
                missing.removeAll(principal.roles());
                Set<String> missingScopes = new LinkedHashSet<>(scopes);
                missingScopes.removeAll(principal.scopes());
                return new Decision(FailureCode.E_AUTH_FORBIDDEN, policy, named.name(), principal, null, principal.name()
                        + " lacks " + (missing.isEmpty() ? "" : "roles " + missing) + (missingScopes.isEmpty() ? ""
                        : " scopes " + missingScopes) + " (policy " + policy.name() + ")");
            }
            Policy applied = policy;
            return new Decision(null, policy, named.name(), principal, null, (Supplier<String>) () -> principal.name()
                    + " authenticated by " + named.name() + (roles.isEmpty() ? "" : " with roles " + roles) + " (policy "
                    + applied.name() + ")");
        }
        return new Decision(FailureCode.E_AUTH_MISSING, policy, null, null, challenges(accepted),
                "no credentials any of " + accepted.stream().map(Authenticators.Named::name).toList() + " handles");
    }

    private static List<Authenticators.Named> accepted(Policy policy, List<Authenticators.Named> all) {
        if (policy.authenticators().isEmpty()) {
            return all;
        }
        List<Authenticators.Named> accepted = new ArrayList<>();
        for (Authenticators.Named named : all) {
            if (policy.authenticators().contains(named.name())) {
                accepted.add(named);
            }
        }
        return accepted;
    }

    private static String challenges(List<Authenticators.Named> accepted) {
        List<String> challenges = new ArrayList<>();
        for (Authenticators.Named named : accepted) {
            try {
                String challenge = named.authenticator().challenge();
                if (challenge != null && !challenge.isBlank() && !challenges.contains(challenge)) {
                    challenges.add(challenge);
                }
            } catch (RuntimeException e) {
                // a module's authenticator must not break the answer
            }
        }
        return challenges.isEmpty() ? "Bearer realm=\"graft\"" : String.join(", ", challenges);
    }

    private static Policy rename(Policy policy, String name) {
        return new Policy(name, policy.pattern(), policy.methods(), policy.module(), policy.versions(), policy.access(),
                policy.authenticators(), policy.roles(), policy.scopes(), policy.rate(), policy.burst());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    // a route's auth.roles value, parsed once: the same few values come with every request
    private static final Map<Object, Set<String>> PARSED = new ConcurrentHashMap<>();

    static Set<String> strings(Object value) {
        if (value == null) {
            return Set.of();
        }
        if (value instanceof String) {
            if (PARSED.size() > 10_000) {
                PARSED.clear();
            }
            return PARSED.computeIfAbsent(value, Decider::parse);
        }
        return parse(value);
    }

    private static Set<String> parse(Object value) {
        String[] parts = value instanceof String[] array ? array : value.toString().split(",");
        Set<String> set = new LinkedHashSet<>();
        Arrays.stream(parts).map(String::trim).filter(part -> !part.isEmpty()).forEach(set::add);
        return Collections.unmodifiableSet(set);
    }
}
