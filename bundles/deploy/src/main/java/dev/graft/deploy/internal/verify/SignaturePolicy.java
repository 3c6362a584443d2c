package dev.graft.deploy.internal.verify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the deployment manager does with a module that is not signed by a trusted certificate ({@code signature.policy}). */
public enum SignaturePolicy {
    /** Signatures are not looked at. */
    OFF,
    /** The finding is logged at WARN; the module deploys. */
    WARN,
    /** The deployment fails with {@code E_SIGNATURE}. */
    REQUIRE;

    /**
     * @param text {@code off}, {@code warn} or {@code require}, in any case
     * @throws IllegalArgumentException naming the value and the ones allowed
     */
    public static SignaturePolicy parse(String text) {
        String value = text == null ? "" : text.trim();
        for (SignaturePolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("signature.policy '" + value + "' is not one of "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
