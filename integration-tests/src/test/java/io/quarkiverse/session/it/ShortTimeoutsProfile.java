package io.quarkiverse.session.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Short timeouts, a fast sweep and a tiny memory bound, so that expiry and eviction can be observed in seconds. The
 * timeouts leave seconds of margin for a request on a loaded machine (see {@link SessionTimeoutsTest}). Only run-time
 * properties: the same profile works against the packaged application.
 */
public class ShortTimeoutsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.session.idle-timeout", "4S",
                "quarkus.session.absolute-timeout", "10S",
                "quarkus.session.sweep-interval", "500MS",
                "quarkus.session.memory.max-sessions", "5");
    }
}
