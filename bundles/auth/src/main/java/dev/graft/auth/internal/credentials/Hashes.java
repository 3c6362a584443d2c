package dev.graft.auth.internal.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** The JDK's hashes for stored credentials: SHA-256 for random API keys, PBKDF2 for passwords. */
public final class Hashes {

    public static final String SHA256 = "sha256:";
    public static final String PBKDF2 = "pbkdf2-sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();
    // looked up once: MessageDigest.getInstance searches the providers on every call (a measurable
    // share of an API-key request); every hash is a clone of this one, never the prototype itself
    private static final MessageDigest SHA256_PROTOTYPE = sha256Digest();

    private Hashes() {}

    /** @return a new API key: 32 random bytes, URL-safe Base64 with a {@code gk_} prefix */
    public static String newApiKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "gk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return the raw SHA-256 of the key's UTF-8 bytes */
    public static byte[] sha256(String key) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256Digest(); // a provider whose SHA-256 cannot be cloned
        }
        return digest.digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** @return {@code sha256:<hex>}, how a key's hash is stored */
    public static String storedKeyHash(String key) {
        return SHA256 + HexFormat.of().formatHex(sha256(key));
    }

    /** @throws IllegalArgumentException if it is not {@code sha256:<64 hex digits>} */
    public static byte[] parseKeyHash(String stored) {
        if (stored == null || !stored.startsWith(SHA256) || stored.length() != SHA256.length() + 64) {
            throw new IllegalArgumentException("hash is not sha256:<64 hex digits>");
        }
        return HexFormat.of().parseHex(stored.substring(SHA256.length()));
    }

    /** @return {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} (Base64), how a password is stored */
    public static String storedPassword(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations);
        return PBKDF2 + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    /** A parsed PBKDF2 password hash. */
    public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

        /** @throws IllegalArgumentException if it is not {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} */
        public static PasswordHash parse(String stored) {
            String[] parts = stored == null ? new String[0] : stored.split(":");
            if (parts.length != 4 || !stored.startsWith(PBKDF2)) {
                throw new IllegalArgumentException("password is not pbkdf2-sha256:<iterations>:<salt>:<hash>");
            }
            try {
                return new PasswordHash(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
                        Base64.getDecoder().decode(parts[3]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("password is not pbkdf2-sha256:<iterations>:<salt>:<hash>");
            }
        }

        public boolean matches(char[] password) {
            return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
        }
    }

    static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
        }
    }
}
