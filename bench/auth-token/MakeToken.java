import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

/**
 * For bench/auth-overhead.sh: makes an RSA key (2048 bits), writes its public half as a JWK Set to
 * args[0], and prints an RS256 token valid for an hour with the role args[1].
 * Run: java -cp nimbus-jose-jwt.jar MakeToken.java <jwks file> <role>
 */
public class MakeToken {
    public static void main(String[] args) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        Files.writeString(Path.of(args[0]), new JWKSet(key.toPublicJWK()).toString());
        long now = System.currentTimeMillis();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
                new JWTClaimsSet.Builder().subject("bench").issuer("bench").audience("graft").issueTime(new Date(now))
                        .expirationTime(new Date(now + 3_600_000)).claim("roles", List.of(args[1])).build());
        jwt.sign(new RSASSASigner(key));
        System.out.println(jwt.serialize());
    }
}
