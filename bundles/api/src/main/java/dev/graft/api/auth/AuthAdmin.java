package dev.graft.api.auth;

import dev.graft.api.auth.dto.AuthDecisionDTO;
import dev.graft.api.auth.dto.AuthPolicyDTO;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The authentication bundle's administration: what the shell's {@code graft:auth-*} commands call.
 * Implemented by Graft; thread safe.
 *
 * @since 1.0
 */
@ProviderType
public interface AuthAdmin {

    /** @return the policies in force, most specific first, then the default for unmatched paths */
    List<AuthPolicyDTO> policies();

    /**
     * Decides a request as the gate would, without sending it: which route and policy apply, which
     * authenticator decided, allow or deny and why. Counts against no rate limit.
     *
     * @param method the HTTP method
     * @param path the request path
     * @param headers request headers (name → value)
     * @return the decision
     */
    AuthDecisionDTO test(String method, String path, Map<String, String> headers);

    /**
     * Creates an API key: a random key is generated, only its SHA-256 hash is stored (a configuration
     * {@code dev.graft.auth.apikey~<name>}), and the key is returned — it cannot be read back later.
     *
     * @param name the key's name, becomes the principal's name: letters, digits, {@code . _ -}
     * @param roles the key's roles
     * @return the key, to hand to the client once
     * @throws IllegalArgumentException if the name is not valid or already used
     * @throws java.io.IOException if the configuration could not be stored
     */
    String addApiKey(String name, List<String> roles) throws java.io.IOException;

    /**
     * Issues a short-lived HS256 token signed with the JWT authenticator's configured shared secret
     * ({@code hs256.secret}), for development and demos.
     *
     * @param subject the token's {@code sub}
     * @param roles its roles claim
     * @param ttlSeconds its lifetime
     * @return the compact JWT
     * @throws IllegalStateException if no HS256 secret is configured
     */
    String issueToken(String subject, List<String> roles, long ttlSeconds);
}
