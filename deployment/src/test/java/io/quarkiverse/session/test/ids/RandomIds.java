package io.quarkiverse.session.test.ids;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * IDs of a tenant's shape, its region in front of 192 random bits (36 characters in all), for the tests' factories.
 */
final class RandomIds {

    static final String PREFIX = "eu1-";
    static final int LENGTH = PREFIX.length() + 32;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    static String tenantId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return PREFIX + BASE64.encodeToString(bytes);
    }
}
