package dev.graft.auth.internal.gate;

import dev.graft.api.FailureCode;
import dev.graft.api.auth.Principal;
import dev.graft.auth.internal.policy.Policy;
import java.util.function.Supplier;

/**
 * How the gate decided one request.
 *
 * @param code null when allowed
 * @param policy the policy that applied
 * @param authenticator the authenticator that decided, or null
 * @param principal the principal, or null
 * @param challenge for WWW-Authenticate (401), or null
 * @param why why, for the log and graft:auth-test; never a secret. Built only when asked for: an allowed
 *     request (the common case) never formats it
 */
public record Decision(FailureCode code, Policy policy, String authenticator, Principal principal, String challenge,
        Supplier<String> why) {

    public Decision(FailureCode code, Policy policy, String authenticator, Principal principal, String challenge,
            String reason) {
        this(code, policy, authenticator, principal, challenge, () -> reason);
    }

    public String reason() {
        return why.get();
    }

    public boolean allowed() {
        return code == null;
    }

    public int status() {
        return code == null ? 200 : code.status();
    }
}
