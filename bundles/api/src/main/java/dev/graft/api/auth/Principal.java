package dev.graft.api.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who made a request, as an {@link Authenticator} established it: a name, the authenticator that
 * vouched for it, and its roles and scopes. Immutable and thread safe.
 *
 * @since 1.0
 */
public final class Principal {

    private final String name;
    private final String authenticator;
    private final Set<String> roles;
    private final Set<String> scopes;

    /**
     * @param name the principal's name (a token's subject, an API key's name, a user name)
     * @param authenticator the {@link Authenticator#NAME} of the authenticator that established it
     * @param roles its roles, never null
     * @param scopes its scopes (OAuth2 {@code scope}), never null
     */
    public Principal(String name, String authenticator, Set<String> roles, Set<String> scopes) {
        this.name = Objects.requireNonNull(name, "name");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.roles = Set.copyOf(roles);
        this.scopes = Set.copyOf(scopes);
    }

    /** @return the principal's name */
    public String name() {
        return name;
    }

    /** @return the name of the authenticator that established this principal */
    public String authenticator() {
        return authenticator;
    }

    /** @return its roles, unmodifiable */
    public Set<String> roles() {
        return roles;
    }

    /** @return its scopes, unmodifiable */
    public Set<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return name + " (" + authenticator + ", roles " + roles + ", scopes " + scopes + ")";
    }
}
