package io.quarkiverse.session.runtime.lifecycle;

import java.util.function.Predicate;

/**
 * Which session IDs a client may send: a range of lengths, and only characters of the URL-safe Base64 alphabet
 * ({@code A-Z a-z 0-9 - _}), which a cookie, a header, a query parameter and a path segment all carry without encoding.
 * Anything else a client sends is ignored before a store is asked.
 * <p>
 * Checked on every request that carries an ID: no regular expression, no allocation. Invariant: every format accepts
 * only IDs of {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters of that alphabet, so that an ID hashed into a
 * {@code SessionKey} is short and plain ASCII.
 */
public final class SessionIdFormat implements Predicate<String> {

    /** The shortest ID an application's factory may return: 22 Base64 characters hold 132 bits. */
    public static final int MIN_LENGTH = 22;
    /** The longest ID an application's factory may return: well within any cookie, header or URL limit. */
    public static final int MAX_LENGTH = 128;

    /** The extension's own IDs, exactly {@value SessionIdGenerator#ID_LENGTH} characters. */
    public static final SessionIdFormat BUILT_IN = new SessionIdFormat(SessionIdGenerator.ID_LENGTH,
            SessionIdGenerator.ID_LENGTH);
    /** The IDs of an application's {@code SessionIdFactory}: any length it may return. */
    public static final SessionIdFormat APPLICATION = new SessionIdFormat(MIN_LENGTH, MAX_LENGTH);

    private final int minLength;
    private final int maxLength;

    private SessionIdFormat(int minLength, int maxLength) {
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public boolean isWellFormed(String id) {
        if (id == null) {
            return false;
        }
        int length = id.length();
        if (length < minLength || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (symbol(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link #isWellFormed}, for code that filters candidates. */
    @Override
    public boolean test(String id) {
        return isWellFormed(id);
    }

    /**
     * The value of a character in the URL-safe Base64 alphabet: {@code A-Z} 0 to 25, {@code a-z} 26 to 51, {@code 0-9}
     * 52 to 61, {@code -} 62, {@code _} 63; -1 for any other character.
     */
    static int symbol(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    @Override
    public String toString() {
        return minLength == maxLength ? minLength + " characters of A-Z a-z 0-9 - _"
                : minLength + " to " + maxLength + " characters of A-Z a-z 0-9 - _";
    }
}
