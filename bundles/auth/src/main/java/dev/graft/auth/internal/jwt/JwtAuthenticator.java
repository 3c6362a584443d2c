package dev.graft.auth.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.graft.api.FailureCode;
import dev.graft.api.auth.AuthResult;
import dev.graft.api.auth.Authenticator;
import dev.graft.api.auth.Principal;
import dev.graft.api.route.RouteRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Bearer JWTs verified by Nimbus JOSE+JWT: signature with a key bound to one algorithm (HS256, RS256,
 * ES256; {@code alg: none} and any other algorithm rejected), then {@code exp}/{@code nbf} with the
 * clock skew, {@code iss}, {@code aud}. Keys come from the configuration and a JWKS file polled every
 * 200 ms, so a rotation applies within a second.
 */
@Component(service = {Authenticator.class, JwtAuthenticator.class}, configurationPid = JwtConfig.PID,
        property = {Authenticator.NAME + "=" + JwtAuthenticator.NAME, "service.ranking:Integer=200"})
@Designate(ocd = JwtConfig.class)
public class JwtAuthenticator implements Authenticator {

    public static final String NAME = "jwt";

    /**
     * What verifies, built from one configuration and one reading of the JWKS file, with the tokens it
     * verified: replaced as a whole, so a key removed or a setting changed also forgets those tokens.
     */
    private record Verifier(DefaultJWTProcessor<SecurityContext> processor, int keys, JwtConfig config, byte[] secret,
            VerifiedTokens verified) {}

    private final Logger logger;
    private final Path home;
    private final ScheduledExecutorService poller;
    private volatile JwtConfig config;
    private volatile List<JWK> configuredKeys = List.of();
    private volatile List<JWK> fileKeys = List.of();
    private volatile byte[] fileContent;
    private volatile Verifier verifier;

    @Activate
    public JwtAuthenticator(BundleContext context, JwtConfig config, @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        String graftHome = context.getProperty("graft.home");
        this.home = Path.of(graftHome == null ? "." : graftHome);
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "graft-auth-jwks");
            thread.setDaemon(true);
            return thread;
        });
        update(config);
        poller.scheduleWithFixedDelay(this::poll, 200, 200, TimeUnit.MILLISECONDS);
    }

    @Modified
    synchronized void update(JwtConfig config) {
        this.config = config;
        List<JWK> keys = new ArrayList<>();
        try {
            keys.addAll(KeySets.fromSecret(config.hs256_secret()));
        } catch (IllegalArgumentException e) {
            logger.warn("{}: {}: {}; HS256 is off", FailureCode.E_CONFIG_INVALID, JwtConfig.PID, e.getMessage());
        }
        try {
            keys.addAll(KeySets.fromJwks(config.jwks(), JwtConfig.PID + " jwks"));
        } catch (IllegalArgumentException e) {
            logger.warn("{}: {}; ignored", FailureCode.E_CONFIG_INVALID, e.getMessage());
        }
        configuredKeys = List.copyOf(keys);
        fileContent = null; // read the file again with the new settings
        readFile();
        rebuild();
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    private void poll() {
        try {
            if (readFile()) {
                rebuild();
            }
        } catch (RuntimeException e) {
            logger.warn("JWKS file check failed: {}", e.toString());
        }
    }

    /** @return whether the file's keys changed */
    private synchronized boolean readFile() {
        String name = config.jwks_file().trim();
        if (name.isEmpty()) {
            boolean had = !fileKeys.isEmpty();
            fileKeys = List.of();
            return had;
        }
        Path file = home.resolve(name);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            content = new byte[0];
        } catch (IOException e) {
            logger.warn("{}: cannot read the JWKS file {}: {}", FailureCode.E_CONFIG_INVALID, file, e.toString());
            return false;
        }
        if (fileContent != null && Arrays.equals(content, fileContent)) {
            return false;
        }
        fileContent = content;
        if (content.length == 0) {
            logger.warn("{}: the JWKS file {} is missing or empty: no keys from it", FailureCode.E_CONFIG_INVALID, file);
            fileKeys = List.of();
            return true;
        }
        try {
            fileKeys = KeySets.fromJwks(new String(content, StandardCharsets.UTF_8), file.toString());
            logger.info("JWKS file {}: {} keys {}", file, fileKeys.size(), fileKeys.stream().map(JWK::getKeyID).toList());
            return true;
        } catch (IllegalArgumentException e) {
            // half-written or broken: keep the keys that were valid until now
            logger.warn("{}: {}; the previous keys stay in use", FailureCode.E_CONFIG_INVALID, e.getMessage());
            return false;
        }
    }

    private synchronized void rebuild() {
        List<JWK> keys = new ArrayList<>(configuredKeys);
        keys.addAll(fileKeys);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(BoundKeys.selector(keys, logger::warn));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // checked below, to tell expired from invalid
        JwtConfig current = config;
        String secret = current.hs256_secret();
        verifier = new Verifier(processor, keys.size(), current,
                secret.getBytes(StandardCharsets.UTF_8).length >= 32 ? secret.getBytes(StandardCharsets.UTF_8) : null,
                new VerifiedTokens(current.verified_cache_size()));
    }

    @Override
    public boolean handles(RouteRequest request) {
        return request.header("Authorization").map(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)).orElse(false);
    }

    @Override
    public AuthResult authenticate(RouteRequest request) {
        String token = request.header("Authorization").orElse("").substring(7).trim();
        return verify(token, System.currentTimeMillis());
    }

    AuthResult verify(String token, long now) {
        Verifier current = verifier;
        if (token.isEmpty()) {
            return AuthResult.failure(AuthResult.Failure.MISSING, "empty bearer token");
        }
        if (current.keys() == 0) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "no JWT verification keys are configured");
        }
        // a token whose signature was verified with the keys in force is not verified again; its
        // claims (exp, nbf, iss, aud) are checked on every use below
        JWTClaimsSet claims = current.verified().get(token);
        try {
            if (claims == null) {
                claims = current.processor().process(token, null);
                current.verified().put(token, claims);
            }
        } catch (ParseException e) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "malformed token: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "token rejected: " + e.getMessage());
        } catch (RuntimeException e) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "malformed token: " + e.getClass().getSimpleName());
        }
        JwtConfig settings = current.config();
        long skew = settings.clock_skew_seconds() * 1000L;
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "token has no exp");
        }
        if (now > exp.getTime() + skew) {
            return AuthResult.failure(AuthResult.Failure.EXPIRED, "token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now + skew < nbf.getTime()) {
            return AuthResult.failure(AuthResult.Failure.EXPIRED, "token not valid before " + nbf.toInstant());
        }
        String issuer = settings.issuer().trim();
        if (!issuer.isEmpty() && !issuer.equals(claims.getIssuer())) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "iss '" + claims.getIssuer() + "' is not '" + issuer + "'");
        }
        String audience = settings.audience().trim();
        if (!audience.isEmpty() && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            return AuthResult.failure(AuthResult.Failure.INVALID, "aud " + claims.getAudience() + " lacks '" + audience + "'");
        }
        String subject = claims.getSubject() == null ? "?" : claims.getSubject();
        return AuthResult.success(new Principal(subject, NAME, strings(claims.getClaim(settings.roles_claim())),
                strings(claims.getClaim(settings.scopes_claim()))));
    }

    private static Set<String> strings(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof Collection<?> list) {
            list.forEach(value -> values.add(String.valueOf(value)));
        } else if (claim != null) {
            for (String part : claim.toString().split("[ ,]+")) {
                if (!part.isEmpty()) {
                    values.add(part);
                }
            }
        }
        return values;
    }

    /** Issues an HS256 token with the configured secret (graft:auth-token). */
    public String issue(String subject, List<String> roles, long ttlSeconds) {
        Verifier current = verifier;
        if (current.secret() == null) {
            throw new IllegalStateException("no hs256.secret (32 bytes or more) is set in etc/" + JwtConfig.PID + ".cfg");
        }
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issueTime(new Date(now))
                .expirationTime(new Date(now + ttlSeconds * 1000)).claim(current.config().roles_claim(), roles);
        if (!current.config().issuer().isBlank()) {
            claims.issuer(current.config().issuer().trim());
        }
        if (!current.config().audience().isBlank()) {
            claims.audience(current.config().audience().trim());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("hs256").build(), claims.build());
            jwt.sign(new MACSigner(current.secret()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    @Override
    public String challenge() {
        return "Bearer realm=\"graft\"";
    }
}
