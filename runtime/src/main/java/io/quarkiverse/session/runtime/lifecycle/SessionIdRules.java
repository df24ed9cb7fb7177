package io.quarkiverse.session.runtime.lifecycle;

import java.util.List;

/**
 * The rules an application's {@code SessionIdFactory} must meet, checked on every ID it makes: a length, the URL-safe
 * Base64 alphabet, and a plausible 128 bits of entropy. Randomness cannot be measured from one ID; two checks catch the
 * generators that are clearly too weak:
 * <ul>
 * <li>the length 128 bits need in the factory's alphabet, which {@link #alphabetOf} tells from the characters of the IDs
 * it made at startup: many IDs, since one short random ID may well miss a whole class of characters (a 22-character
 * Base64 ID has no digit and no {@code -} or {@code _} once in a hundred);</li>
 * <li>at least {@value #MIN_DISTINCT_CHARACTERS} distinct characters, which a random ID of the shortest length allowed
 * in its alphabet misses with odds below 2^-60 (39 decimal digits: about 2^-61).</li>
 * </ul>
 * No message quotes the ID, or any part of it.
 */
final class SessionIdRules {

    static final int MIN_DISTINCT_CHARACTERS = 4;

    /** The alphabet of the rules, and of IDs made of other characters of it than the smaller alphabets'. */
    static final Alphabet URL_SAFE_BASE64 = new Alphabet("characters of A-Z a-z 0-9 - _", -1L,
            SessionIdFormat.MIN_LENGTH);

    /**
     * Alphabets smaller than URL-safe Base64, smallest first, with the length at which an ID drawn from each holds 128
     * bits: 128 / log2(size), rounded up. (In symbols of {@link SessionIdFormat#symbol}: {@code A-Z} 0 to 25, {@code a-z}
     * 26 to 51, {@code 0-9} 52 to 61.)
     */
    private static final List<Alphabet> SMALLER_ALPHABETS = List.of(
            new Alphabet("decimal digits", symbols(52, 61), 39),
            new Alphabet("lower-case hexadecimal digits", symbols(52, 61) | symbols(26, 31), 32),
            new Alphabet("upper-case hexadecimal digits", symbols(52, 61) | symbols(0, 5), 32),
            new Alphabet("lower-case letters", symbols(26, 51), 28),
            new Alphabet("upper-case letters", symbols(0, 25), 28),
            new Alphabet("lower-case letters and digits", symbols(26, 61), 25),
            new Alphabet("upper-case letters and digits", symbols(0, 25) | symbols(52, 61), 25),
            new Alphabet("letters", symbols(0, 51), 23));

    private SessionIdRules() {
    }

    /**
     * The smallest alphabet that holds every symbol of {@code used} (see {@link #symbolsOf}).
     */
    static Alphabet alphabetOf(long used) {
        for (Alphabet alphabet : SMALLER_ALPHABETS) {
            if ((used & ~alphabet.symbols()) == 0) {
                return alphabet;
            }
        }
        return URL_SAFE_BASE64;
    }

    /**
     * The symbols a well-formed ID uses, one bit each.
     */
    static long symbolsOf(String id) {
        long used = 0;
        for (int i = 0; i < id.length(); i++) {
            used |= 1L << SessionIdFormat.symbol(id.charAt(i));
        }
        return used;
    }

    /**
     * The rule an ID breaks, worded to follow "returned a session ID that", or {@code null} if it meets them all.
     *
     * @param alphabet the factory's alphabet, which sets the shortest length
     */
    static String brokenRule(String id, Alphabet alphabet) {
        if (id == null) {
            return "is null";
        }
        int length = id.length();
        if (length < alphabet.minLength() || length > SessionIdFormat.MAX_LENGTH) {
            return "has " + length + " characters, where " + alphabet.minLength() + " to " + SessionIdFormat.MAX_LENGTH
                    + " are needed" + (alphabet == URL_SAFE_BASE64 ? ""
                            : " for 128 bits of " + alphabet.name() + ", the factory's alphabet");
        }
        // The characters used, one bit per symbol of the alphabet: the diversity check without a set.
        long used = 0;
        for (int i = 0; i < length; i++) {
            int symbol = SessionIdFormat.symbol(id.charAt(i));
            if (symbol < 0) {
                return "has a character outside A-Z a-z 0-9 - _ (at position " + i + ")";
            }
            used |= 1L << symbol;
        }
        int distinct = Long.bitCount(used);
        if (distinct < MIN_DISTINCT_CHARACTERS) {
            return "has only " + distinct + " distinct characters, where a random ID has at least "
                    + MIN_DISTINCT_CHARACTERS;
        }
        return null;
    }

    /** The bits of the symbols {@code from} to {@code to}, inclusive. */
    private static long symbols(int from, int to) {
        return (-1L >>> (63 - to + from)) << from;
    }

    /** An alphabet as the set of its symbols' bits, and the length an ID drawn from it needs for 128 bits. */
    record Alphabet(String name, long symbols, int minLength) {
    }
}
