package io.quarkiverse.session.runtime.store.cookie;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionTooLargeException;
import io.quarkiverse.session.runtime.lifecycle.SessionIdFormat;
import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.runtime.metrics.RejectionReason;
import io.quarkiverse.session.runtime.metrics.SessionMetrics;
import io.quarkiverse.session.spi.SessionKey;

/**
 * Seals a whole session into a cookie value and opens it again: AES-256-GCM, so the client can neither read nor change
 * it, with keys derived by HKDF-SHA256 from the configured secrets.
 * <p>
 * A cookie value is URL-safe Base64 of {@code version (1) | key ID (4) | nonce (12) | ciphertext | tag (16)}. The
 * version, the key ID and the cookie name are authenticated too, so a cookie cannot be moved to another name or
 * another key. The first secret seals; every secret opens, found by its key ID without trying the others.
 * <p>
 * The plaintext is a compact binary record: the session ID, the creation, last-access and idle-timeout times (so the
 * server enforces expiry even for a cookie the client keeps forever) and the values as UTF-8 JSON. The version says how
 * the ID is written: {@value #VERSION_FIXED_ID}, the extension's IDs, as their 32 characters; {@value #VERSION_SIZED_ID},
 * those of an application's {@code SessionIdFactory}, of another length, as a length byte and the characters. A cookie
 * of the extension's IDs is the same as before application factories existed, and a cookie of either version opens
 * whichever factory is in use now.
 */
public final class CookieSessionCodec {

    /** What browsers keep of one cookie: name, '=' and value together. */
    static final int MAX_COOKIE_BYTES = 4096;

    private static final Logger LOG = Logger.getLogger(CookieSessionCodec.class);
    private static final byte VERSION_FIXED_ID = 1;
    private static final byte VERSION_SIZED_ID = 2;
    private static final int KEY_ID_LENGTH = 4;
    private static final int NONCE_LENGTH = GcmNonceSequence.NONCE_LENGTH;
    private static final int TAG_LENGTH = 16;
    private static final int HEADER_LENGTH = 1 + KEY_ID_LENGTH + NONCE_LENGTH;
    private static final int MIN_SEALED_LENGTH = HEADER_LENGTH + TAG_LENGTH;
    /** The Base64 characters of the shortest sealed value. */
    private static final int MIN_SEALED_CHARACTERS = (MIN_SEALED_LENGTH * 4 + 2) / 3;
    private static final byte[] SALT = "io.quarkiverse.session/cookie/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTION_INFO = "AES-256-GCM session key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_ID_INFO = "session key ID".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getUrlDecoder();

    // Cipher instances are not thread-safe: one per thread, never shared (Vert.x Web's cookie store shares one Mac and
    // fails under concurrency).
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(CookieSessionCodec::newCipher);

    private final String cookieName;
    private final byte[] cookieNameBytes;
    private final DerivedKey sealingKey;
    /** The nonces of the sealing key, one sequence for every thread: see {@link GcmNonceSequence}. */
    private final GcmNonceSequence nonces = new GcmNonceSequence();
    /** The sealing key, with the authenticated data of the cookies it seals. */
    private final AadKey sealing;
    private final Map<Integer, AadKey> openingKeys;

    public CookieSessionCodec(List<String> secrets, String cookieName) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("At least one secret is needed");
        }
        this.cookieName = cookieName;
        this.cookieNameBytes = cookieName.getBytes(StandardCharsets.UTF_8);
        List<DerivedKey> keys = new ArrayList<>();
        for (String secret : secrets) {
            keys.add(DerivedKey.of(secret));
        }
        this.sealingKey = keys.get(0);
        this.sealing = aadKey(sealingKey);
        Map<Integer, AadKey> byId = new HashMap<>();
        for (DerivedKey key : keys) {
            byId.putIfAbsent(key.id(), aadKey(key));
        }
        this.openingKeys = byId;
    }

    /**
     * Seals a session into a cookie value.
     *
     * @throws SessionTooLargeException if the cookie would exceed {@value #MAX_COOKIE_BYTES} bytes
     */
    public String seal(CookieSession session) {
        byte[] plaintext = session.toBytes();
        int sealedLength = HEADER_LENGTH + plaintext.length + TAG_LENGTH;
        int cookieLength = cookieNameBytes.length + 1 + (sealedLength * 4 + 2) / 3;
        if (cookieLength > MAX_COOKIE_BYTES) {
            throw new SessionTooLargeException("The session is too large for the cookie store: its cookie would take "
                    + cookieLength + " bytes, and browsers keep at most " + MAX_COOKIE_BYTES + " per cookie. Its values "
                    + "take " + session.valueBytes() + " bytes of JSON; store less in the session (an ID instead of an "
                    + "object), or use a server-side store (quarkus.session.store=memory or filesystem).");
        }
        byte[] sealed = new byte[sealedLength];
        byte version = session.id().length() == SessionIdGenerator.ID_LENGTH ? VERSION_FIXED_ID : VERSION_SIZED_ID;
        sealed[0] = version;
        ByteBuffer.wrap(sealed, 1, KEY_ID_LENGTH).putInt(sealingKey.id());
        byte[] nonce = nonces.next();
        System.arraycopy(nonce, 0, sealed, 1 + KEY_ID_LENGTH, NONCE_LENGTH);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, sealingKey.key(), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(sealing.aad(version));
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return BASE64.encodeToString(sealed);
    }

    /**
     * Opens a cookie value. Anything that is not a cookie this application sealed with one of its secrets (tampered,
     * truncated, re-encoded, sealed with a foreign or retired key, garbage) gives {@code null}, never an exception.
     */
    public CookieSession open(String cookieValue) {
        return open(cookieValue, SessionMetrics.NONE);
    }

    /**
     * Whether a value could be a sealed session at all: URL-safe Base64 characters, no longer than a cookie. Cheap: it
     * picks which of several values a request sent is worth opening; {@link #open} checks everything else.
     */
    public static boolean isPlausible(String value) {
        int length = value.length();
        if (length < MIN_SEALED_CHARACTERS || length > MAX_COOKIE_BYTES) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens a cookie value as {@link #open(String)}, and reports why one is refused.
     */
    public CookieSession open(String cookieValue, SessionMetrics metrics) {
        if (cookieValue == null) {
            return null;
        }
        if (cookieValue.isEmpty() || cookieValue.length() > MAX_COOKIE_BYTES) {
            return rejected("empty or too long", RejectionReason.MALFORMED, metrics);
        }
        // The URL-safe decoder refuses the standard alphabet's '+' and '/', but accepts padding and ignores the unused
        // low bits of a final partial group: only our spelling is accepted, unpadded with those bits zero. (Any other
        // difference is in the bytes, which the authentication tag covers.)
        if (cookieValue.indexOf('=') >= 0) {
            return rejected("padded", RejectionReason.MALFORMED, metrics);
        }
        if (!unusedBitsAreZero(cookieValue)) {
            return rejected("not canonical Base64", RejectionReason.MALFORMED, metrics);
        }
        byte[] sealed;
        try {
            sealed = BASE64_DECODER.decode(cookieValue);
        } catch (IllegalArgumentException e) {
            return rejected("not URL-safe Base64", RejectionReason.MALFORMED, metrics);
        }
        if (sealed.length < MIN_SEALED_LENGTH) {
            return rejected("malformed", RejectionReason.MALFORMED, metrics);
        }
        byte version = sealed[0];
        if (version != VERSION_FIXED_ID && version != VERSION_SIZED_ID) {
            return rejected("unknown version", RejectionReason.MALFORMED, metrics);
        }
        AadKey key = openingKeys.get(ByteBuffer.wrap(sealed, 1, KEY_ID_LENGTH).getInt());
        if (key == null) {
            return rejected("sealed with an unknown key", RejectionReason.UNKNOWN, metrics);
        }
        byte[] plaintext;
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key.key(),
                    new GCMParameterSpec(TAG_LENGTH * 8, sealed, 1 + KEY_ID_LENGTH, NONCE_LENGTH));
            cipher.updateAAD(key.aad(version));
            plaintext = cipher.doFinal(sealed, HEADER_LENGTH, sealed.length - HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            return rejected("failed authentication", RejectionReason.TAMPERED, metrics);
        }
        CookieSession session = CookieSession.fromBytes(plaintext, version);
        return session == null ? rejected("unreadable content", RejectionReason.MALFORMED, metrics) : session;
    }

    /**
     * A key with the authenticated data of the cookies it seals, of each version: the version, the key ID and the
     * cookie name, precomputed, so that each cookie passes them to the cipher in one call.
     */
    private AadKey aadKey(DerivedKey key) {
        return new AadKey(key.key(), aad(VERSION_FIXED_ID, key.id()), aad(VERSION_SIZED_ID, key.id()));
    }

    private byte[] aad(byte version, int keyId) {
        return ByteBuffer.allocate(1 + KEY_ID_LENGTH + cookieNameBytes.length).put(version).putInt(keyId)
                .put(cookieNameBytes).array();
    }

    /**
     * Whether the bits of the last character that encode no byte are zero: 4 of them after two characters of a group,
     * 2 after three. A value of any other length is left to the decoder.
     */
    private static boolean unusedBitsAreZero(String cookieValue) {
        int unusedMask = switch (cookieValue.length() % 4) {
            case 2 -> 0x0f;
            case 3 -> 0x03;
            default -> 0;
        };
        char last = cookieValue.charAt(cookieValue.length() - 1);
        int sextet = last >= 'A' && last <= 'Z' ? last - 'A'
                : last >= 'a' && last <= 'z' ? last - 'a' + 26
                        : last >= '0' && last <= '9' ? last - '0' + 52 : last == '-' ? 62 : last == '_' ? 63 : 0;
        return (sextet & unusedMask) == 0;
    }

    String cookieName() {
        return cookieName;
    }

    private static CookieSession rejected(String reason, RejectionReason kind, SessionMetrics metrics) {
        // Never the cookie itself: it may be somebody's valid session.
        LOG.debugf("Ignoring a session cookie: %s", reason);
        metrics.rejected(kind);
        return null;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is required by the Java platform", e);
        }
    }

    private record AadKey(SecretKeySpec key, byte[] fixedIdAad, byte[] sizedIdAad) {

        byte[] aad(byte version) {
            return version == VERSION_FIXED_ID ? fixedIdAad : sizedIdAad;
        }
    }

    private record DerivedKey(int id, SecretKeySpec key) {

        static DerivedKey of(String secret) {
            byte[] prk = HkdfSha256.extract(SALT, secret.getBytes(StandardCharsets.UTF_8));
            byte[] encryptionKey = HkdfSha256.expand(prk, ENCRYPTION_INFO, 32);
            int id = ByteBuffer.wrap(HkdfSha256.expand(prk, KEY_ID_INFO, KEY_ID_LENGTH)).getInt();
            return new DerivedKey(id, new SecretKeySpec(encryptionKey, "AES"));
        }
    }

    /**
     * The plaintext of a session cookie.
     *
     * @param id the session ID, which the cookie store uses only to tell sessions apart ({@code Session.id()})
     * @param idleTimeoutMillis the session's own idle timeout, 0 for the configured one
     * @param values the values by key, as UTF-8 JSON
     */
    public record CookieSession(String id, long createdAt, long lastAccessedAt, long idleTimeoutMillis,
            Map<String, byte[]> values) {

        /** The record, with the ID as its version needs it: see {@link CookieSessionCodec}. */
        byte[] toBytes() {
            boolean fixedId = id.length() == SessionIdGenerator.ID_LENGTH;
            int length = (fixedId ? 0 : 1) + id.length() + 3 * Long.BYTES + Short.BYTES;
            List<byte[]> keys = new ArrayList<>(values.size());
            for (Map.Entry<String, byte[]> value : values.entrySet()) {
                byte[] key = value.getKey().getBytes(StandardCharsets.UTF_8);
                keys.add(key);
                length += Short.BYTES + key.length + Integer.BYTES + value.getValue().length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(length);
            if (!fixedId) {
                // At most SessionIdFormat.MAX_LENGTH (128) characters: one unsigned byte.
                buffer.put((byte) id.length());
            }
            buffer.put(id.getBytes(StandardCharsets.US_ASCII));
            buffer.putLong(createdAt).putLong(lastAccessedAt).putLong(idleTimeoutMillis);
            buffer.putShort((short) values.size());
            int i = 0;
            for (byte[] value : values.values()) {
                byte[] key = keys.get(i++);
                buffer.putShort((short) key.length).put(key);
                buffer.putInt(value.length).put(value);
            }
            return buffer.array();
        }

        int valueBytes() {
            return values.values().stream().mapToInt(value -> value.length).sum();
        }

        /** The short hash of the ID and the keys, never the ID (a live session's) or the values. */
        @Override
        public String toString() {
            return "CookieSession[" + SessionKey.ofSessionId(id).shortHash() + ", createdAt=" + createdAt
                    + ", lastAccessedAt=" + lastAccessedAt + ", idleTimeoutMillis=" + idleTimeoutMillis + ", keys="
                    + values.keySet() + "]";
        }

        private static byte[] read(ByteBuffer buffer, int length) {
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalArgumentException("length " + length + " beyond the record");
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        }

        static CookieSession fromBytes(byte[] bytes, byte version) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                boolean fixedId = version == VERSION_FIXED_ID;
                byte[] id = read(buffer, fixedId ? SessionIdGenerator.ID_LENGTH : Byte.toUnsignedInt(buffer.get()));
                String sessionId = new String(id, StandardCharsets.US_ASCII);
                // Sealed by this application, so well-formed unless a secret leaked; checked all the same, since it is
                // hashed and handed to the application as Session.id().
                if (!(fixedId ? SessionIdFormat.BUILT_IN : SessionIdFormat.APPLICATION).isWellFormed(sessionId)) {
                    return null;
                }
                long createdAt = buffer.getLong();
                long lastAccessedAt = buffer.getLong();
                long idleTimeoutMillis = buffer.getLong();
                int count = Short.toUnsignedInt(buffer.getShort());
                Map<String, byte[]> values = new LinkedHashMap<>(count * 2);
                for (int i = 0; i < count; i++) {
                    byte[] key = read(buffer, Short.toUnsignedInt(buffer.getShort()));
                    byte[] value = read(buffer, buffer.getInt());
                    values.put(new String(key, StandardCharsets.UTF_8), value);
                }
                return buffer.hasRemaining() ? null
                        : new CookieSession(sessionId, createdAt, lastAccessedAt, idleTimeoutMillis, values);
            } catch (RuntimeException e) {
                // A record that ends early or has impossible lengths.
                return null;
            }
        }
    }
}
