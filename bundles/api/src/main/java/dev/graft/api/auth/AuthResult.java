package dev.graft.api.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Authenticator} concluded about a request: a {@link Principal}, or a failure with a
 * reason for the log. The reason never reaches the client and must not contain the secret (the key,
 * the token, the password). Immutable.
 *
 * @since 1.0
 */
public final class AuthResult {

    /** Why authentication failed; decides the failure code the client gets. */
    public enum Failure {
        /** No credentials of this kind: {@code 401 E_AUTH_MISSING}. */
        MISSING,
        /** Credentials present but not valid: {@code 401 E_AUTH_INVALID}. */
        INVALID,
        /** A token outside its validity period ({@code exp}, {@code nbf}): {@code 401 E_AUTH_EXPIRED}. */
        EXPIRED
    }

    private final Principal principal;
    private final Failure failure;
    private final String reason;

    private AuthResult(Principal principal, Failure failure, String reason) {
        this.principal = principal;
        this.failure = failure;
        this.reason = reason;
    }

    /** @return a success with this principal */
    public static AuthResult success(Principal principal) {
        return new AuthResult(Objects.requireNonNull(principal, "principal"), null, "authenticated");
    }

    /**
     * @param failure the kind of failure
     * @param reason which check failed, for the log (debug); never the secret itself
     * @return a failure
     */
    public static AuthResult failure(Failure failure, String reason) {
        return new AuthResult(null, Objects.requireNonNull(failure, "failure"), Objects.requireNonNull(reason, "reason"));
    }

    /** @return the principal, if authentication succeeded */
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    /** @return the failure, if authentication failed */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return why, for the log: which check failed, or "authenticated" */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return principal != null ? "authenticated " + principal : failure + ": " + reason;
    }
}
