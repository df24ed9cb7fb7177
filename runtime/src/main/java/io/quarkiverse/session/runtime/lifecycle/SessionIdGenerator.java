package io.quarkiverse.session.runtime.lifecycle;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The extension's own session IDs, used unless the application has a {@code SessionIdFactory} bean, and the
 * cryptographically strong random bytes of the cookie store.
 * <p>
 * An ID is 192 bits from {@link SecureRandom}, URL-safe Base64 without padding: exactly {@value #ID_LENGTH}
 * characters of {@code [A-Za-z0-9_-]}.
 */
public final class SessionIdGenerator {

    public static final int ID_LENGTH = 32;
    private static final int RANDOM_BYTES = 24;

    // One DRBG per thread: a shared SecureRandom serialises its callers, and the default one reads /dev/urandom under a
    // global lock. IDs and nonces are made on event-loop threads. Created lazily at run time, so a native image never
    // contains a seeded generator.
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SessionIdGenerator::newRandom);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIdGenerator() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.get().nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Fills {@code bytes} from this thread's cryptographically strong generator. */
    public static void randomBytes(byte[] bytes) {
        RANDOM.get().nextBytes(bytes);
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /**
     * Whether an ID has the shape of this generator's IDs: {@link SessionIdFormat#BUILT_IN}. With an application's
     * {@code SessionIdFactory}, clients are held to {@link SessionIds#format()} instead.
     */
    public static boolean isWellFormed(String id) {
        // 192 bits fill the 32 characters exactly, so any well-formed string decodes; no further check is needed.
        return SessionIdFormat.BUILT_IN.isWellFormed(id);
    }
}
