package dev.graft.auth.internal.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature was verified, with their claims: a bounded map, emptied when full (tokens are
 * short-lived and clients resend the same one, so a simple bound is enough). Thread safe.
 */
final class VerifiedTokens {

    private final int max;
    private final ConcurrentHashMap<String, JWTClaimsSet> tokens = new ConcurrentHashMap<>();

    VerifiedTokens(int max) {
        this.max = Math.max(0, max);
    }

    JWTClaimsSet get(String token) {
        return max == 0 ? null : tokens.get(token);
    }

    void put(String token, JWTClaimsSet claims) {
        if (max == 0) {
            return;
        }
        if (tokens.size() >= max) {
            tokens.clear();
        }
        tokens.put(token, claims);
    }
}
