package dev.graft.deploy.internal;

import dev.graft.api.FailureCode;

/** A deployment step failed for a reason a user can act on: a code and one line naming the file and the culprit. */
public final class DeployFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureCode code;

    public DeployFailure(FailureCode code, String message) {
        super(message, null, false, false); // a verdict, not a bug: no stack trace
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }
}
