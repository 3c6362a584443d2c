package dev.graft.auth.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The verification keys as Java keys, converted once (not per request), each with the one algorithm
 * it verifies: a token's {@code alg} selects only keys bound to that algorithm (and its {@code kid},
 * if it names one), so an HS256 token never meets an RSA key, and {@code none} meets no key at all.
 */
final class BoundKeys {

    private record Bound(String kid, JWSAlgorithm alg, Key key) {}

    private BoundKeys() {}

    static JWSKeySelector<SecurityContext> selector(List<JWK> keys, Consumer<String> warn) {
        List<Bound> bound = new ArrayList<>();
        for (JWK jwk : keys) {
            try {
                Key key;
                if (jwk instanceof RSAKey rsa) {
                    key = rsa.toRSAPublicKey();
                } else if (jwk instanceof ECKey ec) {
                    key = ec.toECPublicKey();
                } else if (jwk instanceof OctetSequenceKey oct) {
                    key = oct.toSecretKey("HmacSHA256");
                } else {
                    continue;
                }
                bound.add(new Bound(jwk.getKeyID(), (JWSAlgorithm) jwk.getAlgorithm(), key));
            } catch (JOSEException e) {
                warn.accept("JWT key " + jwk.getKeyID() + " cannot be used: " + e.getMessage());
            }
        }
        List<Bound> all = List.copyOf(bound);
        return (header, context) -> {
            List<Key> matching = new ArrayList<>(1);
            String kid = header.getKeyID();
            for (Bound candidate : all) {
                if (candidate.alg().equals(header.getAlgorithm()) && (kid == null || kid.equals(candidate.kid()))) {
                    matching.add(candidate.key());
                }
            }
            return matching;
        };
    }
}
