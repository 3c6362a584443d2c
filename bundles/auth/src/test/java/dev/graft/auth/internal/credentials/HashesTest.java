package dev.graft.auth.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HashesTest {

    @Test
    void apiKeysAreRandomAndStoredAsTheirSha256() {
        String key = Hashes.newApiKey();
        assertTrue(key.matches("gk_[A-Za-z0-9_-]{43}"), key);
        assertNotEquals(key, Hashes.newApiKey());
        String stored = Hashes.storedKeyHash(key);
        assertTrue(stored.matches("sha256:[0-9a-f]{64}"), stored);
        assertFalse(stored.contains(key.substring(3)));
        assertArrayEquals(Hashes.sha256(key), Hashes.parseKeyHash(stored));
        assertThrows(IllegalArgumentException.class, () -> Hashes.parseKeyHash("md5:abc"));
        assertThrows(IllegalArgumentException.class, () -> Hashes.parseKeyHash(key));
    }

    @Test
    void passwordsAreCheckedAgainstPbkdf2() {
        String stored = Hashes.storedPassword("s3cret".toCharArray(), 1000);
        Hashes.PasswordHash hash = Hashes.PasswordHash.parse(stored);
        assertTrue(hash.matches("s3cret".toCharArray()));
        assertFalse(hash.matches("s3cret!".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> Hashes.PasswordHash.parse("plain:s3cret"));
    }
}
