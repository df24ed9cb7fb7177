package io.quarkiverse.session.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.runtime.lifecycle.SessionIdRules.Alphabet;

/**
 * The rules an application's session IDs are held to when they are made ({@link SessionIdRules}), and when a client
 * sends them back ({@link SessionIdFormat}).
 */
class SessionIdRulesTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void randomIdsOfEveryAlphabetAtTheShortestLengthPass() {
        assertShortestRandomIdsPass(BASE64, 22, "characters of A-Z a-z 0-9 - _");
        assertShortestRandomIdsPass(BASE64.substring(0, 62), 22, "characters of A-Z a-z 0-9 - _");
        assertShortestRandomIdsPass(BASE64.substring(0, 52), 23, "letters");
        assertShortestRandomIdsPass("abcdefghijklmnopqrstuvwxyz0123456789", 25, "lower-case letters and digits");
        assertShortestRandomIdsPass("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 28, "upper-case letters");
        assertShortestRandomIdsPass("0123456789abcdef", 32, "lower-case hexadecimal digits");
        assertShortestRandomIdsPass("0123456789ABCDEF", 32, "upper-case hexadecimal digits");
        assertShortestRandomIdsPass("0123456789", 39, "decimal digits");
    }

    @Test
    void commonRecipesPass() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        assertPasses(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), SessionIdRules.URL_SAFE_BASE64);
        assertPasses(HexFormat.of().formatHex(bytes), SessionIdRules.alphabetOf(SessionIdRules.symbolsOf("0123456789abcdef")));
        assertPasses(UUID.randomUUID().toString().replace("-", ""),
                SessionIdRules.alphabetOf(SessionIdRules.symbolsOf("0123456789abcdef")));
        assertPasses("tenant-42_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                SessionIdRules.URL_SAFE_BASE64);
        assertPasses(SessionIdGenerator.generate(), SessionIdRules.URL_SAFE_BASE64);
    }

    @Test
    void tooShortOrTooLongIsRefusedByItsLength() {
        Alphabet base64 = SessionIdRules.URL_SAFE_BASE64;
        assertEquals("has 21 characters, where 22 to 128 are needed",
                SessionIdRules.brokenRule("aB3-".repeat(5) + "x", base64));
        assertEquals("has 129 characters, where 22 to 128 are needed",
                SessionIdRules.brokenRule("aB3-".repeat(32) + "x", base64));
        assertEquals("is null", SessionIdRules.brokenRule(null, base64));
    }

    @Test
    void idOfASmallAlphabetNeedsTheLengthOf128BitsInIt() {
        Alphabet digits = SessionIdRules.alphabetOf(SessionIdRules.symbolsOf("0123456789"));
        assertEquals("has 38 characters, where 39 to 128 are needed for 128 bits of decimal digits, the factory's "
                + "alphabet", SessionIdRules.brokenRule(random("0123456789", 38), digits));
        Alphabet hex = SessionIdRules.alphabetOf(SessionIdRules.symbolsOf("0123456789abcdef"));
        assertEquals("has 31 characters, where 32 to 128 are needed for 128 bits of lower-case hexadecimal digits, "
                + "the factory's alphabet", SessionIdRules.brokenRule(random("0123456789abcdef", 31), hex));
    }

    @Test
    void characterOutsideTheUrlSafeAlphabetIsRefused() {
        for (char c : new char[] { '+', '/', '=', '.', ' ', ';', ',', '%', '\u00e9', '\n' }) {
            String id = SessionIdGenerator.generate().substring(0, 30) + c + "A";
            assertEquals("has a character outside A-Z a-z 0-9 - _ (at position 30)",
                    SessionIdRules.brokenRule(id, SessionIdRules.URL_SAFE_BASE64), "character " + (int) c);
        }
    }

    @Test
    void idOfVeryFewDistinctCharactersIsRefused() {
        Alphabet base64 = SessionIdRules.URL_SAFE_BASE64;
        assertEquals("has only 1 distinct characters, where a random ID has at least 4",
                SessionIdRules.brokenRule("a".repeat(64), base64));
        assertEquals("has only 3 distinct characters, where a random ID has at least 4",
                SessionIdRules.brokenRule("ab-".repeat(11), base64));
        assertNull(SessionIdRules.brokenRule("ab-_".repeat(8), base64), "a floor, not a proof of randomness");
    }

    @Test
    void alphabetIsTheSmallestThatHoldsEveryCharacter() {
        assertEquals("decimal digits", alphabetOf("0123"));
        assertEquals("lower-case hexadecimal digits", alphabetOf("0123abc"));
        assertEquals("upper-case hexadecimal digits", alphabetOf("ABC"));
        assertEquals("lower-case letters", alphabetOf("xyz"));
        assertEquals("upper-case letters and digits", alphabetOf("XYZ0"));
        assertEquals("letters", alphabetOf("aZ"));
        assertSame(SessionIdRules.URL_SAFE_BASE64, SessionIdRules.alphabetOf(SessionIdRules.symbolsOf("aZ0")));
        assertSame(SessionIdRules.URL_SAFE_BASE64, SessionIdRules.alphabetOf(SessionIdRules.symbolsOf("abc-")));
    }

    @Test
    void builtInFormatAcceptsExactlyTheGeneratorsIds() {
        SessionIdFormat format = SessionIdFormat.BUILT_IN;
        assertTrue(format.isWellFormed(SessionIdGenerator.generate()));
        assertFalse(format.isWellFormed(SessionIdGenerator.generate().substring(1)));
        assertFalse(format.isWellFormed(SessionIdGenerator.generate() + "A"));
        assertFalse(format.isWellFormed("eu1-" + SessionIdGenerator.generate()), "an application's shape");
        assertFalse(format.isWellFormed(SessionIdGenerator.generate().substring(1) + "."));
        assertFalse(format.isWellFormed(null));
    }

    @Test
    void applicationFormatAcceptsEveryLengthTheRulesAllowAndNothingElse() {
        SessionIdFormat format = SessionIdFormat.APPLICATION;
        for (int length = 22; length <= 128; length++) {
            assertTrue(format.isWellFormed("A-_9".repeat(32).substring(0, length)), "length " + length);
        }
        assertFalse(format.isWellFormed("A".repeat(21)));
        assertFalse(format.isWellFormed("A".repeat(129)));
        assertFalse(format.isWellFormed("A".repeat(30) + "+"));
        assertFalse(format.isWellFormed("A".repeat(30) + "\u0100"));
        assertFalse(format.isWellFormed(""));
        assertFalse(format.isWellFormed(null));
    }

    /**
     * Random IDs of the shortest length allowed in their alphabet: the alphabet of {@link SessionIds#STARTUP_SAMPLES} of
     * them is found, and each passes; many times, since a rule that misfires once in a thousand IDs is a broken rule.
     */
    private static void assertShortestRandomIdsPass(String characters, int length, String alphabetName) {
        for (int round = 0; round < 200; round++) {
            String[] ids = new String[SessionIds.STARTUP_SAMPLES];
            long used = 0;
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random(characters, length);
                used |= SessionIdRules.symbolsOf(ids[i]);
            }
            Alphabet alphabet = SessionIdRules.alphabetOf(used);
            assertEquals(alphabetName, alphabet.name());
            for (int i = 0; i < 100; i++) {
                assertPasses(random(characters, length), alphabet);
            }
        }
    }

    private static void assertPasses(String id, Alphabet alphabet) {
        assertNull(SessionIdRules.brokenRule(id, alphabet), id.length() + " characters");
        assertTrue(SessionIdFormat.APPLICATION.isWellFormed(id), "accepted back");
    }

    private static String alphabetOf(String characters) {
        return SessionIdRules.alphabetOf(SessionIdRules.symbolsOf(characters)).name();
    }

    private static String random(String alphabet, int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
