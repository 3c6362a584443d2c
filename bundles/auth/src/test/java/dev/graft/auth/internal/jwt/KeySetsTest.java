package dev.graft.auth.internal.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySetsTest {

    @Test
    void everyKeyIsBoundToOneAlgorithm() throws Exception {
        JWK rsa = new RSAKeyGenerator(2048).keyID("r").generate();
        JWK ec = new ECKeyGenerator(Curve.P_256).keyID("e").generate();
        List<JWK> keys = KeySets.fromJwks(new JWKSet(List.of(rsa, ec)).toString(false), "test");
        assertEquals(JWSAlgorithm.RS256, keys.get(0).getAlgorithm());
        assertEquals(JWSAlgorithm.ES256, keys.get(1).getAlgorithm());
        assertTrue(keys.stream().noneMatch(JWK::isPrivate), "only public keys are kept");
        assertEquals(JWSAlgorithm.HS256, KeySets.fromSecret("0123456789abcdef0123456789abcdef").get(0).getAlgorithm());
    }

    @Test
    void keysThatCouldConfuseAlgorithmsAreRefused() throws Exception {
        JWK secret = new OctetSequenceKeyGenerator(256).keyID("s").generate();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> KeySets.fromJwks(new JWKSet(secret).toString(false), "f")).getMessage().contains("only RSA"));
        JWK p384 = new ECKeyGenerator(Curve.P_384).keyID("p").generate();
        assertThrows(IllegalArgumentException.class, () -> KeySets.fromJwks(new JWKSet(p384).toString(), "f"));
        JWK rsaForPs = new RSAKeyGenerator(2048).keyID("r").algorithm(JWSAlgorithm.PS256).generate();
        assertThrows(IllegalArgumentException.class, () -> KeySets.fromJwks(new JWKSet(rsaForPs).toString(), "f"));
        assertThrows(IllegalArgumentException.class, () -> KeySets.fromSecret("short"));
        assertThrows(IllegalArgumentException.class, () -> KeySets.fromJwks("{not json", "f"));
    }
}
