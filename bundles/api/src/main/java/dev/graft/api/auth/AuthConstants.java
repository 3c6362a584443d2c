package dev.graft.api.auth;

/**
 * Names shared by the authentication bundle, the router and modules.
 *
 * @since 1.0
 */
public final class AuthConstants {

    /**
     * Request attribute holding the authenticated {@link Principal} (absent for anonymous requests):
     * {@code request.attribute(AuthConstants.PRINCIPAL_ATTRIBUTE)} in a route, or
     * {@code exchange.attribute(...)} in later route-phase middleware.
     */
    public static final String PRINCIPAL_ATTRIBUTE = "graft.auth.principal";

    /**
     * Route service property: roles a caller must all have, a {@code String} (comma separated) or
     * {@code String[]}, e.g. {@code auth.roles=orders:read}. A route that declares it requires
     * authentication whatever the default policy says; an operator's policy may add roles (tighten)
     * but never drop these.
     */
    public static final String ROUTE_ROLES = "auth.roles";

    /** Route service property: scopes a caller must all have; like {@link #ROUTE_ROLES}. */
    public static final String ROUTE_SCOPES = "auth.scopes";

    /**
     * Route service property: {@code true} marks a route public by design (a greeting, a health page).
     * It applies only where no operator policy matches the path, so an operator can still protect it.
     */
    public static final String ROUTE_PUBLIC = "auth.public";

    /**
     * Service property of the route-phase {@link dev.graft.api.middleware.Middleware} that enforces the
     * policies ({@code Boolean} {@code true}). While no middleware with it is registered, the router
     * fails closed: routes that declare {@link #ROUTE_ROLES} or {@link #ROUTE_SCOPES} — every route,
     * when the router's {@code auth.required=true} — answer {@code 503 E_AUTH_UNAVAILABLE}.
     */
    public static final String GATE = "graft.auth.gate";

    private AuthConstants() {}
}
