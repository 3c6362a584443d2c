package dev.graft.auth.internal.policy;

import java.util.Locale;

/** What a policy lets through. */
public enum Access {
    /** No credentials needed. */
    ANONYMOUS,
    /** Valid credentials with the required roles and scopes. */
    AUTHENTICATED,
    /** Nothing: 403 whatever the credentials. */
    DENY;

    /** @throws IllegalArgumentException naming the accepted values */
    public static Access parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("access '" + text + "' is not anonymous, authenticated or deny");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
