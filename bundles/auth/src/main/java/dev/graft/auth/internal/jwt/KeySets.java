package dev.graft.auth.internal.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Builds the verification keys, each bound to exactly one algorithm (no algorithm confusion). */
final class KeySets {

    private KeySets() {}

    static List<JWK> fromSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            return List.of();
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("hs256.secret must be at least 32 bytes");
        }
        return List.of(new OctetSequenceKey.Builder(bytes).algorithm(JWSAlgorithm.HS256).keyID("hs256").build());
    }

    /** @throws IllegalArgumentException if the JSON is not a JWK Set, or a key is of an unsupported kind */
    static List<JWK> fromJwks(String json, String source) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException(source + " is not a JWK Set: " + e.getMessage());
        }
        List<JWK> keys = new ArrayList<>();
        for (JWK key : set.getKeys()) {
            keys.add(bound(key, source));
        }
        return keys;
    }

    private static JWK bound(JWK key, String source) {
        JWK publicKey = key.toPublicJWK() == null ? key : key.toPublicJWK();
        if (publicKey instanceof RSAKey rsa) {
            requireAlg(key, JWSAlgorithm.RS256, source);
            return new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.RS256).build();
        }
        if (publicKey instanceof ECKey ec) {
            if (!Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException(source + ": key " + key.getKeyID() + " is not on P-256 (ES256)");
            }
            requireAlg(key, JWSAlgorithm.ES256, source);
            return new ECKey.Builder(ec).algorithm(JWSAlgorithm.ES256).build();
        }
        throw new IllegalArgumentException(source + ": key " + key.getKeyID() + " is a " + key.getKeyType()
                + " key; only RSA (RS256) and EC P-256 (ES256) public keys are accepted (HS256: hs256.secret)");
    }

    private static void requireAlg(JWK key, JWSAlgorithm expected, String source) {
        if (key.getAlgorithm() != null && !expected.equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(source + ": key " + key.getKeyID() + " has alg " + key.getAlgorithm()
                    + "; Graft verifies " + expected + " with it");
        }
    }
}
