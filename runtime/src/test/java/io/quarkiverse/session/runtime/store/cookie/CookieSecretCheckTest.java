package io.quarkiverse.session.runtime.store.cookie;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CookieSecretCheckTest {

    @Test
    void randomSecretsOfTheAdvisedKindsPass() {
        Random random = new Random(25);
        for (int i = 0; i < 1_000; i++) {
            byte[] bytes = new byte[48];
            random.nextBytes(bytes);
            assertNull(CookieSecretCheck.weakness(Base64.getEncoder().encodeToString(bytes)));
            // 32 hexadecimal digits: the shortest random secret accepted, and the one with the fewest distinct bytes.
            assertNull(CookieSecretCheck.weakness(HexFormat.of().formatHex(bytes, 0, 16)));
        }
        assertNull(CookieSecretCheck.weakness("a-long-enough-secret-for-the-cookie-store"));
    }

    @Test
    void shortSecretIsRefused() {
        assertTrue(CookieSecretCheck.weakness("x7#Kq9!zP2").contains("at least 32 bytes"));
    }

    @Test
    void oneRepeatedCharacterIsRefused() {
        String weakness = CookieSecretCheck.weakness("x".repeat(64));
        assertNotNull(weakness);
        assertTrue(weakness.contains("distinct bytes, one has 1"), weakness);
    }

    @Test
    void fewDistinctCharactersAreRefused() {
        assertNotNull(CookieSecretCheck.weakness("abababababababababababababababaab"));
        assertNotNull(CookieSecretCheck.weakness("passwordpasswordpasswordpassword"));
    }

    @Test
    void repeatedPhraseIsRefused() {
        String secret = "my-secret-key-".repeat(3);
        String weakness = CookieSecretCheck.weakness(secret);
        assertNotNull(weakness);
        assertTrue(weakness.contains("sequence of 14 bytes repeated"), weakness);
        assertFalse(weakness.contains("my-secret-key"), "the reason never quotes the secret");
        // A repeat that does not end on a whole period is a repeat all the same.
        assertNotNull(CookieSecretCheck.weakness("my-secret-key-".repeat(3) + "my-se"));
    }
}
