package io.quarkiverse.session.runtime.store.cookie;

import java.nio.charset.StandardCharsets;

/**
 * Tells a secret that cannot be random from one that may be: too short, too few distinct bytes, or one sequence
 * repeated. It cannot prove a secret random (a typed phrase passes); it refuses the secrets that are certainly guessable,
 * such as {@code xxxx...} or {@code changemechangeme...}, which a length check alone lets through.
 * <p>
 * The thresholds never refuse a random secret of the advised kind: Base64 of random bytes has dozens of distinct
 * characters, and 32 random hexadecimal digits have fewer than {@value #MIN_DISTINCT_BYTES} distinct ones with a
 * probability below 10^-7.
 */
final class CookieSecretCheck {

    static final int MIN_BYTES = 32;
    static final int MIN_DISTINCT_BYTES = 8;

    private CookieSecretCheck() {
    }

    /**
     * Why {@code secret} is refused, or {@code null} if it is not. The reason never quotes the secret.
     */
    static String weakness(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            return "each secret must be at least " + MIN_BYTES + " bytes long, one is " + bytes.length + " bytes";
        }
        int distinct = distinctBytes(bytes);
        if (distinct < MIN_DISTINCT_BYTES) {
            return "each secret must have at least " + MIN_DISTINCT_BYTES + " distinct bytes, one has " + distinct
                    + ", which no random string of its length has";
        }
        int period = shortestPeriod(bytes);
        if (period <= bytes.length / 2) {
            return "one secret is a sequence of " + period + " bytes repeated, which no random string is";
        }
        return null;
    }

    private static int distinctBytes(byte[] bytes) {
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : bytes) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        return distinct;
    }

    /**
     * The smallest {@code p} such that every byte equals the one {@code p} before it: the length minus the longest
     * proper prefix that is also a suffix (the failure function of Knuth-Morris-Pratt).
     */
    private static int shortestPeriod(byte[] bytes) {
        int[] border = new int[bytes.length];
        for (int i = 1, k = 0; i < bytes.length; i++) {
            while (k > 0 && bytes[i] != bytes[k]) {
                k = border[k - 1];
            }
            if (bytes[i] == bytes[k]) {
                k++;
            }
            border[i] = k;
        }
        return bytes.length - border[bytes.length - 1];
    }
}
