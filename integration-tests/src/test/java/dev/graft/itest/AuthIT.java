package dev.graft.itest;

import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.graft.itest.fixtures.HeaderAuthenticator;
import dev.graft.itest.fixtures.ModuleJars;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Issue 11, authentication: the auth bundle on a real Felix with the orders example, tokens made and
 * signed here with Nimbus JOSE+JWT, policies and keys as files in etc/ (FileInstall) and through the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class AuthIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String AUTH = "dev.graft.auth";
    private static final String SECRET = "it-secret-0123456789abcdef0123456789abcdef";
    private static final String ISS = "https://issuer.example";
    private static final String AUD = "graft-orders";

    // ---- tokens, made the way a client or an OAuth2 server makes them

    private static JWTClaimsSet.Builder claims(String subject, String... roles) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().subject(subject).issuer(ISS).audience(AUD).issueTime(new Date(now))
                .expirationTime(new Date(now + 300_000)).claim("roles", List.of(roles));
    }

    private static String sign(JWSAlgorithm alg, JWSSigner signer, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String hs256(JWTClaimsSet claims) throws JOSEException {
        return sign(JWSAlgorithm.HS256, new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), null, claims);
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        return sign(JWSAlgorithm.RS256, new RSASSASigner(key), key.getKeyID(), claims);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private HttpResponse<String> orders(String... headers) throws Exception {
        return http().get("/orders", headers);
    }

    /** A 401/403 body names the code and nothing an attacker could use. */
    private static void assertDenied(HttpResponse<String> response, int status, String code) {
        assertEquals(response.body(), status, response.statusCode());
        String message = status == 403 ? "access denied" : "authentication required";
        assertEquals("{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}", response.body());
        if (status == 401) {
            assertTrue(response.headers().map().toString(), response.headers().firstValue("WWW-Authenticate").isPresent());
        }
    }

    private Path home() {
        return Path.of(context.getProperty("graft.home"));
    }

    private Path etc() throws Exception {
        return Files.createDirectories(home().resolve("etc"));
    }

    /**
     * The tests of this class share one Graft home (the driver makes it once): files a test puts in
     * etc/ are removed after it, and any left by an aborted run before the next, so no policy leaks.
     */
    @Before
    @After
    public void removeAuthFilesFromEtc() throws Exception {
        boolean removed = false;
        try (Stream<Path> files = Files.list(etc())) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("dev.graft.auth") || name.endsWith(".json")) {
                    Files.delete(file);
                    removed = true;
                }
            }
        }
        if (removed) {
            Thread.sleep(800); // FileInstall (every 200 ms) deletes their configurations
        }
    }

    private static void writeAtomically(Path file, String content) throws Exception {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Sends GET path until the answer has this status, and returns how long after {@code since} the
     * first such request was sent: the change was in force for a request sent then. Fails after 3 s.
     */
    private long inForceAfterMillis(long since, String path, int expected, String... headers) throws Exception {
        long deadline = since + 3_000_000_000L;
        String last = "none";
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            HttpResponse<String> response = http().get(path, headers);
            if (response.statusCode() == expected) {
                return (sent - since) / 1_000_000;
            }
            last = response.statusCode() + " " + response.body();
            Thread.sleep(20);
        }
        throw new AssertionError("GET " + path + " never answered " + expected + " within 3 s; last: " + last);
    }

    private void jwtWith(String jwks, String... more) throws Exception {
        Object[] settings = Stream.concat(Stream.of("hs256.secret", SECRET, "jwks", jwks, "issuer", ISS, "audience", AUD),
                Stream.of(more)).toArray();
        configure("dev.graft.auth.jwt", settings);
    }

    // ---- Done when

    @Test
    public void stoppingTheAuthBundleFailsClosedAndStartingItRestoresTheRoutes() throws Exception {
        installExample("orders-1.0.0.jar");
        jwtWith("");
        String token = bearer(hs256(claims("ann", "orders:read").build()));
        http().await("/orders", status(200), WAIT, "Authorization", token);
        assertDenied(orders(), 401, "E_AUTH_MISSING");

        Bundle auth = installed(AUTH);
        auth.stop();
        HttpResponse<String> closed = orders("Authorization", token);
        assertEquals(503, closed.statusCode());
        assertTrue(closed.body(), closed.body().startsWith("{\"error\":\"E_AUTH_UNAVAILABLE\""));
        assertEquals("1", closed.headers().firstValue("Retry-After").orElse(null));
        assertEquals(503, orders().statusCode());
        // a route that declares nothing serves on, unless the router is told authentication is required
        assertEquals(200, http().get("/hello").statusCode());
        configure("dev.graft.routing", "auth.required", "true");
        http().await("/hello", status(503), WAIT);
        assertTrue(http().get("/hello").body().contains("E_AUTH_UNAVAILABLE"));
        assertEquals(503, orders("Authorization", token).statusCode());

        auth.start();
        http().await("/orders", status(200), WAIT, "Authorization", token);
        assertTrue(orders("Authorization", token).body().contains("\"for\":\"ann\""));
        assertEquals(200, http().get("/hello").statusCode());
        assertDenied(orders(), 401, "E_AUTH_MISSING");
    }

    @Test
    public void tokensAreVerifiedHs256Rs256Es256AndEveryBadOneIsRejectedWithItsCode() throws Exception {
        installExample("orders-1.0.0.jar");
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same kid, other key
        jwtWith(new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        // as the shipped etc/dev.graft.auth.cfg: deny by default, every authenticator accepted ("=" is empty);
        // /orders has no policy here: its own auth.roles decide
        configure("dev.graft.auth", "default.access", "deny", "default.authenticators", "");
        String hs = hs256(claims("hs", "orders:read").build());
        http().await("/orders", status(200), WAIT, "Authorization", bearer(hs));

        assertEquals("{\"for\":\"hs\",\"orders\":[1001,1002]}", orders("Authorization", bearer(hs)).body());
        assertEquals("{\"for\":\"rs\",\"orders\":[1001,1002]}",
                orders("Authorization", bearer(rs256(rsa, claims("rs", "orders:read").build()))).body());
        assertEquals("{\"for\":\"es\",\"orders\":[1001,1002]}", orders("Authorization", bearer(sign(JWSAlgorithm.ES256,
                new ECDSASigner(ec), "ec-1", claims("es", "orders:read").build()))).body());

        long now = System.currentTimeMillis();
        assertDenied(orders("Authorization", bearer(rs256(rsa, claims("old", "orders:read")
                .expirationTime(new Date(now - 120_000)).build()))), 401, "E_AUTH_EXPIRED");
        assertDenied(orders("Authorization", bearer(rs256(rsa, claims("early", "orders:read")
                .notBeforeTime(new Date(now + 120_000)).build()))), 401, "E_AUTH_EXPIRED");
        // within the 30 s clock skew: accepted
        assertEquals(200, orders("Authorization", bearer(rs256(rsa, claims("skew", "orders:read")
                .expirationTime(new Date(now - 10_000)).build()))).statusCode());
        assertDenied(orders("Authorization", bearer(rs256(rsa, claims("x", "orders:read").issuer("https://evil.example")
                .build()))), 401, "E_AUTH_INVALID");
        assertDenied(orders("Authorization", bearer(rs256(rsa, claims("x", "orders:read").audience("other-api")
                .build()))), 401, "E_AUTH_INVALID");
        assertDenied(orders("Authorization", bearer(rs256(stranger, claims("x", "orders:read").build()))), 401,
                "E_AUTH_INVALID");
        assertDenied(orders("Authorization", bearer(new PlainJWT(claims("x", "orders:read").build()).serialize())), 401,
                "E_AUTH_INVALID");
        // algorithm confusion: HS256 "signed" with the RSA public key as the HMAC secret
        String confused = sign(JWSAlgorithm.HS256, new MACSigner(rsa.toRSAPublicKey().getEncoded()), "rsa-1",
                claims("x", "orders:read").build());
        assertDenied(orders("Authorization", bearer(confused)), 401, "E_AUTH_INVALID");
        String good = rs256(rsa, claims("x", "orders:read").build());
        assertDenied(orders("Authorization", bearer(good.substring(0, good.length() - 12))), 401, "E_AUTH_INVALID");
        assertDenied(orders("Authorization", bearer(good.substring(0, good.lastIndexOf('.')))), 401, "E_AUTH_INVALID");
        assertDenied(orders("Authorization", bearer("%%%garbage%%%." + good.substring(good.indexOf('.') + 1))), 401,
                "E_AUTH_INVALID");
        assertDenied(orders("Authorization", bearer("not-a-token")), 401, "E_AUTH_INVALID");
        assertDenied(orders("Authorization", "Bearer"), 401, "E_AUTH_MISSING");

        assertDenied(orders("Authorization", bearer(rs256(rsa, claims("nobody", "catalog:read").build()))), 403,
                "E_AUTH_FORBIDDEN");
        HttpResponse<String> missing = orders();
        assertDenied(missing, 401, "E_AUTH_MISSING");
        assertTrue(missing.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer realm=\"graft\""));
    }

    @Test
    public void apiKeysAreStoredHashedAndNeverLogged() throws Exception {
        installExample("orders-1.0.0.jar");
        String added = shell("graft:apikey-add reporting orders:read");
        Matcher found = Pattern.compile("(gk_[A-Za-z0-9_-]{43})").matcher(added);
        assertTrue(added, found.find());
        String key = found.group(1);
        http().await("/orders", status(200), WAIT, "X-API-Key", key);
        assertEquals("{\"for\":\"reporting\",\"orders\":[1001,1002]}", orders("X-API-Key", key).body());

        assertDenied(orders("X-API-Key", key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A")), 401,
                "E_AUTH_INVALID");
        assertDenied(orders("X-API-Key", "gk_wrong"), 401, "E_AUTH_INVALID");
        assertDenied(orders(), 401, "E_AUTH_MISSING");
        String test = shell("graft:auth-test GET /orders X-API-Key=" + key);
        assertTrue(test, test.contains("-> 200 allow") && test.contains("principal: reporting"));
        assertTrue(shell("graft:apikey-add reporting x"), shell("graft:apikey-add reporting x").contains("exists already"));

        // only the hash is kept (the etc/ file), and the key is in no log file
        Path file = etc().resolve("dev.graft.auth.apikey-reporting.cfg");
        String stored = Files.readString(file);
        assertTrue(stored, stored.contains("hash=sha256:") && stored.contains("roles=orders:read"));
        assertFalse(stored, stored.contains(key));
        Path logs = home().resolve("data/log");
        assertTrue(logs + " has no log", Files.isDirectory(logs));
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log);
                assertTrue(log + " is empty", !text.isEmpty());
                assertFalse(log + " contains the API key", text.contains(key));
                assertFalse(log + " contains the API key's secret part", text.contains(key.substring(3)));
            }
        }
    }

    @Test
    public void aPolicyFileAppliesWithinASecondAndDeletingItRestoresTheDefault() throws Exception {
        http().await("/hello", status(200), WAIT);
        Path policy = etc().resolve("dev.graft.auth.policy-lockhello.cfg");
        long written = System.nanoTime();
        writeAtomically(policy, "pattern=/hello\naccess=deny\n");
        long applied = inForceAfterMillis(written, "/hello", 403);
        assertTrue("in force after " + applied + " ms", applied < 1000);
        assertDenied(http().get("/hello"), 403, "E_AUTH_FORBIDDEN");
        assertEquals(200, http().get("/hello/ann").statusCode()); // exact pattern: /hello/ann is not covered

        // changed on disk: a prefix policy that requires a role
        long changed = System.nanoTime();
        writeAtomically(policy, "pattern=/hello/*\nroles=greeter\n");
        long reapplied = inForceAfterMillis(changed, "/hello/ann", 401);
        assertTrue("in force after " + reapplied + " ms", reapplied < 1000);
        assertDenied(http().get("/hello"), 401, "E_AUTH_MISSING");
        String policies = shell("graft:auth-policies");
        assertTrue(policies, policies.matches("(?s).*lockhello +/hello/\\* +\\* +authenticated +any +roles greeter.*"));
        assertTrue(policies, policies.matches("(?s).*default +/\\* +\\* +anonymous .*"));

        long deleted = System.nanoTime();
        Files.delete(policy);
        long restored = inForceAfterMillis(deleted, "/hello", 200);
        assertTrue("default back after " + restored + " ms", restored < 1000);
        assertEquals(200, http().get("/hello/ann").statusCode());

        // the default for unmatched paths is configurable: deny, and a more specific policy opens a path again
        configure("dev.graft.auth", "default.access", "deny");
        http().await("/hello", status(403), WAIT);
        long opened = System.nanoTime();
        writeAtomically(etc().resolve("dev.graft.auth.policy-hello.cfg"), "pattern=/hello/*\naccess=anonymous\n");
        assertTrue(inForceAfterMillis(opened, "/hello", 200) < 1000);
        assertEquals(403, http().get("/echo/x").statusCode());
    }

    @Test
    public void aPolicyTightensARouteButNeverLoosensIt() throws Exception {
        installExample("orders-1.0.0.jar");
        jwtWith("");
        String reader = bearer(hs256(claims("ann", "orders:read").build()));
        http().await("/orders", status(200), WAIT, "Authorization", reader);
        writeAtomically(etc().resolve("dev.graft.auth.policy-open.cfg"), "pattern=/orders\naccess=anonymous\n");
        Thread.sleep(1000);
        assertDenied(orders(), 401, "E_AUTH_MISSING"); // the route's auth.roles still applies
        writeAtomically(etc().resolve("dev.graft.auth.policy-open.cfg"), "pattern=/orders\nroles=orders:audit\n");
        http().await("/orders", status(403), WAIT, "Authorization", reader);
        assertEquals(200, orders("Authorization", bearer(hs256(claims("bob", "orders:read", "orders:audit").build())))
                .statusCode());
        String test = shell("graft:auth-test GET /orders \"Authorization=" + reader + "\"");
        assertTrue(test, test.contains("-> 403 deny E_AUTH_FORBIDDEN") && test.contains("policy: open")
                && test.contains("ann lacks roles [orders:audit]"));
    }

    @Test
    public void anAuthenticatorModuleInstalledAtRunTimeIsUsedAndNotAfterItIsUninstalled() throws Exception {
        installExample("orders-1.0.0.jar");
        String[] partner = {"X-Partner-User", "pat", "X-Partner-Roles", "orders:read"};
        http().await("/orders", status(401), WAIT, partner);
        assertDenied(orders(partner), 401, "E_AUTH_MISSING");

        String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"partner\" immediate=\"true\">\n"
                + "  <property name=\"graft.auth.name\" type=\"String\" value=\"partner\"/>\n"
                + "  <service><provide interface=\"dev.graft.api.auth.Authenticator\"/></service>\n"
                + "  <implementation class=\"" + HeaderAuthenticator.class.getName() + "\"/>\n"
                + "</scr:component>\n";
        byte[] jar = ModuleJars.module("demo.partner.auth", "1.0.0")
                .importPackage("dev.graft.api.auth;version=\"[1.0,2)\"")
                .importPackage("dev.graft.api.route;version=\"[1.0,2)\"")
                .header("Service-Component", "OSGI-INF/partner.xml")
                .entry("OSGI-INF/partner.xml", component.getBytes(StandardCharsets.UTF_8))
                .withClass(HeaderAuthenticator.class)
                .bytes();
        Bundle module = context.installBundle("partner-auth", new ByteArrayInputStream(jar));
        module.start();
        HttpResponse<String> served = http().await("/orders", status(200), WAIT, partner);
        assertEquals("{\"for\":\"pat\",\"orders\":[1001,1002]}", served.body());
        HttpResponse<String> missing = orders();
        assertTrue(missing.headers().allValues("WWW-Authenticate").toString(),
                missing.headers().firstValue("WWW-Authenticate").orElseThrow().contains("Partner"));
        assertDenied(orders("X-Partner-User", "pat"), 403, "E_AUTH_FORBIDDEN");

        module.uninstall();
        assertDenied(orders(partner), 401, "E_AUTH_MISSING");
    }

    @Test
    public void aJwksFileRotationAppliesWithinASecond() throws Exception {
        installExample("orders-1.0.0.jar");
        RSAKey first = new RSAKeyGenerator(2048).keyID("2026-a").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("2026-b").generate();
        Path jwks = etc().resolve("issuer-jwks.json");
        writeAtomically(jwks, new JWKSet(List.<JWK>of(first.toPublicJWK(), second.toPublicJWK())).toString());
        configure("dev.graft.auth.jwt", "jwks.file", jwks.toString(), "issuer", ISS, "audience", AUD);
        String byFirst = bearer(rs256(first, claims("a", "orders:read").build()));
        String bySecond = bearer(rs256(second, claims("b", "orders:read").build()));
        http().await("/orders", status(200), WAIT, "Authorization", byFirst);
        assertEquals(200, orders("Authorization", bySecond).statusCode());

        long rotated = System.nanoTime();
        writeAtomically(jwks, new JWKSet(List.<JWK>of(second.toPublicJWK())).toString());
        long removed = inForceAfterMillis(rotated, "/orders", 401, "Authorization", byFirst);
        assertTrue("key removed after " + removed + " ms", removed < 1000);
        assertDenied(orders("Authorization", byFirst), 401, "E_AUTH_INVALID");
        assertEquals(200, orders("Authorization", bySecond).statusCode());

        RSAKey third = new RSAKeyGenerator(2048).keyID("2026-c").generate();
        String byThird = bearer(rs256(third, claims("c", "orders:read").build()));
        long added = System.nanoTime();
        writeAtomically(jwks, new JWKSet(List.<JWK>of(second.toPublicJWK(), third.toPublicJWK())).toString());
        long accepted = inForceAfterMillis(added, "/orders", 200, "Authorization", byThird);
        assertTrue("new key accepted after " + accepted + " ms", accepted < 1000);
    }

    @Test
    public void aPolicyRateLimitAnswers429WithRetryAfter() throws Exception {
        installExample("orders-1.0.0.jar");
        jwtWith("");
        String token = bearer(hs256(claims("ann", "orders:read").build()));
        writeAtomically(etc().resolve("dev.graft.auth.policy-limited.cfg"), "pattern=/orders/*\naccess=authenticated\nrate=0.2\nburst=2\n");
        http().await("/orders", status(429), WAIT, "Authorization", token);
        HttpResponse<String> limited = orders("Authorization", token);
        assertEquals(429, limited.statusCode());
        assertEquals("{\"error\":\"E_RATE_LIMITED\",\"message\":\"too many requests; try again later\"}", limited.body());
        int retry = Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue("Retry-After " + retry, retry >= 1 && retry <= 5);
        // another principal has its own bucket
        assertEquals(200, orders("Authorization", bearer(hs256(claims("bob", "orders:read").build()))).statusCode());
    }

    @Test
    public void basicIsOffByDefaultAndChecksPbkdf2Hashes() throws Exception {
        installExample("orders-1.0.0.jar");
        // a PBKDF2 hash made with the JDK here, as an operator's tool would
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec("s3cret-pw".toCharArray(), salt, 10000, 256)).getEncoded();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        writeAtomically(etc().resolve("dev.graft.auth.user-ops.cfg"), "password=pbkdf2-sha256:10000:"
                + b64.encodeToString(salt) + ":" + b64.encodeToString(hash) + "\nroles=orders:read\n");
        String basic = "Basic " + b64.encodeToString("ops:s3cret-pw".getBytes(StandardCharsets.UTF_8));
        http().await("/orders", status(401), WAIT, "Authorization", basic);
        assertDenied(orders("Authorization", basic), 401, "E_AUTH_MISSING");

        configure("dev.graft.auth", "basic.enabled", "true");
        HttpResponse<String> served = http().await("/orders", status(200), WAIT, "Authorization", basic);
        assertEquals("{\"for\":\"ops\",\"orders\":[1001,1002]}", served.body());
        assertDenied(orders("Authorization", "Basic " + b64.encodeToString("ops:wrong".getBytes(StandardCharsets.UTF_8))),
                401, "E_AUTH_INVALID");
        assertNotNull(orders().headers().firstValue("WWW-Authenticate").filter(v -> v.contains("Basic")).orElse(null));
    }
}
