package dev.graft.auth.internal.jwt;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Graft JWT authenticator",
        description = "Bearer tokens (HS256, RS256, ES256) verified with Nimbus JOSE+JWT (etc/dev.graft.auth.jwt.cfg).")
public @interface JwtConfig {

    String PID = "dev.graft.auth.jwt";

    @AttributeDefinition(name = "HS256 secret",
            description = "A shared secret for HS256 (at least 32 bytes); also signs graft:auth-token's dev tokens. Empty: none.")
    String hs256_secret() default "";

    @AttributeDefinition(name = "JWKS", description = "Public keys as a JWK Set (JSON), inline. RSA keys verify RS256,"
            + " P-256 keys ES256, unless a key names its alg.")
    String jwks() default "";

    @AttributeDefinition(name = "JWKS file", description = "A local JWK Set file (relative: to the Graft home), e.g. an"
            + " OAuth2 server's keys; re-read when it changes (within 1 s).")
    String jwks_file() default "";

    @AttributeDefinition(name = "Issuer", description = "Required iss; empty: not checked.")
    String issuer() default "";

    @AttributeDefinition(name = "Audience", description = "Required aud (one of the token's); empty: not checked.")
    String audience() default "";

    @AttributeDefinition(name = "Clock skew (s)", description = "Tolerance for exp and nbf.")
    int clock_skew_seconds() default 30;

    @AttributeDefinition(name = "Roles claim", description = "The claim holding the roles: a list or a space/comma separated string.")
    String roles_claim() default "roles";

    @AttributeDefinition(name = "Scopes claim", description = "The claim holding the scopes (OAuth2: scope, or scp).")
    String scopes_claim() default "scope";

    @AttributeDefinition(name = "Verified tokens kept",
            description = "How many tokens whose signature was verified are remembered (a client sends the same token"
                    + " until it expires): they are not verified again; exp, nbf, iss and aud are checked every time, and"
                    + " a change of keys or settings forgets them. 0: verify every request.")
    int verified_cache_size() default 10000;
}
