package io.quarkiverse.session.runtime.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.SessionStoreException;

/**
 * The arena's sizes near the largest array, computed without allocating it.
 */
class ValueArenaTest {

    private static final int MIB = 1 << 20;

    @Test
    void compactionDoublesWhatIsInUseUpToTheLargestArray() {
        assertEquals(1024, ValueArena.compactedLength(0, 10));
        assertEquals(1200 * MIB, ValueArena.compactedLength(500 * MIB, 100 * MIB));
        // Past 1 GiB in use, twice that is no longer an int.
        assertEquals(ValueArena.MAX_LENGTH, ValueArena.compactedLength(1100 * MIB, 0));
        assertEquals(ValueArena.MAX_LENGTH, ValueArena.compactedLength(ValueArena.MAX_LENGTH - 10, 10));
    }

    @Test
    void valuesThatCannotFitInTheLargestArrayAreRefused() {
        SessionStoreException full = assertThrows(SessionStoreException.class,
                () -> ValueArena.compactedLength(ValueArena.MAX_LENGTH, 1));
        assertTrue(full.getMessage().contains("quarkus.session.memory.max-sessions"), full.getMessage());
        assertThrows(SessionStoreException.class, () -> ValueArena.compactedLength(2000 * MIB, 200 * MIB));
        assertThrows(SessionStoreException.class, () -> ValueArena.compactedLength(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void anAppendPastTheEndOfALargeArenaDoesNotFit() {
        assertTrue(ValueArena.fits(100, 20, 120));
        assertFalse(ValueArena.fits(100, 21, 120));
        // The sum of the two is past Integer.MAX_VALUE: it must not wrap round to a negative "fits".
        assertFalse(ValueArena.fits(ValueArena.MAX_LENGTH - 100, 200, ValueArena.MAX_LENGTH));
        assertFalse(ValueArena.fits(Integer.MAX_VALUE - 8, Integer.MAX_VALUE, Integer.MAX_VALUE - 8));
    }
}
