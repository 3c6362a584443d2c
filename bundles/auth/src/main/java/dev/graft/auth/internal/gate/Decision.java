package dev.graft.auth.internal.gate;

import dev.graft.api.FailureCode;
import dev.graft.api.auth.Principal;
import dev.graft.auth.internal.policy.Policy;

/**
 * How the gate decided one request.
 *
 * @param code null when allowed
 * @param policy the policy that applied
 * @param authenticator the authenticator that decided, or null
 * @param principal the principal, or null
 * @param challenge for WWW-Authenticate (401), or null
 * @param reason why, for the log and graft:auth-test; never a secret
 */
public record Decision(FailureCode code, Policy policy, String authenticator, Principal principal, String challenge,
        String reason) {

    public boolean allowed() {
        return code == null;
    }

    public int status() {
        return code == null ? 200 : code.status();
    }
}
