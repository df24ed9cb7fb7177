package io.quarkiverse.session.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key under which a store keeps a session: the SHA-256 hash of the session ID.
 * <p>
 * Stores never see the ID a client sends, only this hash, so a dump of a store holds no usable session cookie. Logs
 * and tools show only {@link #shortHash()}.
 */
public final class SessionKey {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    });

    // The 256-bit hash as four longs: no array header, and equals/hashCode without a loop.
    private final long h0;
    private final long h1;
    private final long h2;
    private final long h3;

    private SessionKey(long h0, long h1, long h2, long h3) {
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
        this.h3 = h3;
    }

    /**
     * Hashes a session ID. The caller has already checked that the ID is well-formed.
     */
    public static SessionKey ofSessionId(String sessionId) {
        byte[] hash = SHA_256.get().digest(sessionId.getBytes(StandardCharsets.US_ASCII));
        return ofHash(hash);
    }

    /**
     * Restores a key from the 32 bytes returned by {@link #toBytes()}, for stores that read keys back.
     */
    public static SessionKey ofHash(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("A session key has 32 bytes, got " + hash.length);
        }
        return new SessionKey(readLong(hash, 0), readLong(hash, 8), readLong(hash, 16), readLong(hash, 24));
    }

    /**
     * Restores a key from the 64 characters returned by {@link #toHex()}.
     */
    public static SessionKey ofHex(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("A session key has 64 hex digits, got " + hex.length());
        }
        return ofHash(HexFormat.of().parseHex(hex));
    }

    /**
     * Returns the 32 bytes of the hash.
     */
    public byte[] toBytes() {
        byte[] bytes = new byte[32];
        writeLong(bytes, 0, h0);
        writeLong(bytes, 8, h1);
        writeLong(bytes, 16, h2);
        writeLong(bytes, 24, h3);
        return bytes;
    }

    /**
     * Returns the hash as 64 lower-case hex digits, for stores that key by text (file names, Redis keys).
     */
    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    /**
     * Returns 64 of the hash's 256 bits: word 0 is its bytes 0 to 7, big-endian, up to word 3. For stores that keep
     * keys inside their own structures rather than as {@code SessionKey} objects; {@link #ofWords} makes the key again.
     *
     * @param index 0 to 3
     */
    public long word(int index) {
        return switch (index) {
            case 0 -> h0;
            case 1 -> h1;
            case 2 -> h2;
            case 3 -> h3;
            default -> throw new IndexOutOfBoundsException("A session key has 4 words, asked for word " + index);
        };
    }

    /**
     * Returns the key whose {@link #word words} are these.
     */
    public static SessionKey ofWords(long word0, long word1, long word2, long word3) {
        return new SessionKey(word0, word1, word2, word3);
    }

    /**
     * Returns the first 8 hex digits of the hash: enough to tell sessions apart in logs and tools, too short to find or
     * use a session.
     */
    public String shortHash() {
        return HexFormat.of().toHexDigits((int) (h0 >>> 32));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionKey key && h0 == key.h0 && h1 == key.h1 && h2 == key.h2 && h3 == key.h3;
    }

    @Override
    public int hashCode() {
        // The bits of a cryptographic hash are uniformly distributed already.
        return (int) h0;
    }

    @Override
    public String toString() {
        return "SessionKey[" + shortHash() + "]";
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(byte[] bytes, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[offset + i] = (byte) value;
            value >>>= 8;
        }
    }
}
