package io.quarkiverse.session.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The cookie store, with a rotated secret list and short timeouts so that expiry enforced from inside the sealed
 * cookie can be observed in seconds.
 */
public class CookieStoreProfile implements QuarkusTestProfile {

    static final String SECRET = "cookie-store-test-secret-0123456789abcdef";
    static final String PREVIOUS_SECRET = "previous-cookie-store-secret-0123456789abcdef";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.session.store", "cookie",
                "quarkus.session.secret", SECRET + "," + PREVIOUS_SECRET,
                "quarkus.session.idle-timeout", "3S",
                "quarkus.session.absolute-timeout", "6S");
    }
}
