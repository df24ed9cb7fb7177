package io.quarkiverse.session.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrincipalNamesTest {

    @Test
    void namesOfOneToMaxCharactersOfWellFormedUtf16AreValid() {
        assertTrue(PrincipalNames.isValid("a"));
        assertTrue(PrincipalNames.isValid("ali*ce:{x}?[a] '%_\\\" ünïcødé \uD83D\uDE00"));
        assertTrue(PrincipalNames.isValid("x".repeat(PrincipalNames.MAX_LENGTH)));
        assertEquals("alice", PrincipalNames.check("alice"));
    }

    @Test
    void emptyTooLongAndLoneSurrogatesAreNot() {
        assertFalse(PrincipalNames.isValid(null));
        assertFalse(PrincipalNames.isValid(""));
        assertFalse(PrincipalNames.isValid("x".repeat(PrincipalNames.MAX_LENGTH + 1)));
        assertFalse(PrincipalNames.isValid("a\uD83D"), "a high surrogate at the end");
        assertFalse(PrincipalNames.isValid("a\uD83Db"), "a high surrogate without its low one");
        assertFalse(PrincipalNames.isValid("a\uDE00b"), "a low surrogate alone");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PrincipalNames.check("x".repeat(2000)));
        assertTrue(refused.getMessage().contains("2000 characters"), refused.getMessage());
    }
}
