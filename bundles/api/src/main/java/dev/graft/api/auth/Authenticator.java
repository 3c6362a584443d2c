package dev.graft.api.auth;

import dev.graft.api.route.RouteRequest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to authenticate requests, contributed as a service. The authentication bundle asks, for each
 * request to a protected route, the authenticators its policy accepts (all registered ones if the
 * policy names none) in service ranking order: the first that {@link #handles handles} the request
 * decides. An authenticator registered or unregistered takes effect from the next request.
 *
 * <pre>{@code
 * @Component(service = Authenticator.class, property = Authenticator.NAME + "=partner")
 * public class PartnerAuthenticator implements Authenticator {
 *     public boolean handles(RouteRequest request) { return request.header("X-Partner").isPresent(); }
 *     public AuthResult authenticate(RouteRequest request) { … }
 *     public String challenge() { return "Partner"; }
 * }
 * }</pre>
 *
 * <p>Threading: called concurrently from many request threads; keep it fast (it runs on every
 * protected request) and never block on the network. Implemented by module authors; Graft ships
 * {@code jwt}, {@code apikey} and {@code basic}.
 *
 * @since 1.0
 */
@ConsumerType
public interface Authenticator {

    /**
     * Service property, required: the authenticator's name, a {@code String} that policies use in
     * {@code authenticators=…}, e.g. {@code jwt}. A service without it is ignored (with a warning).
     */
    String NAME = "graft.auth.name";

    /**
     * Whether the request carries credentials of this authenticator's kind (its scheme in
     * {@code Authorization}, its header…). Must not verify them.
     *
     * @param request the request (headers, path); its body must not be read
     * @return true if {@link #authenticate} should decide
     */
    boolean handles(RouteRequest request);

    /**
     * Verifies the request's credentials.
     *
     * @param request the request, one for which {@link #handles} returned true
     * @return the principal, or a failure whose reason names the failed check (never the secret)
     */
    AuthResult authenticate(RouteRequest request);

    /**
     * @return the challenge for {@code WWW-Authenticate} in a {@code 401}, e.g. {@code Bearer realm="graft"}
     */
    String challenge();
}
