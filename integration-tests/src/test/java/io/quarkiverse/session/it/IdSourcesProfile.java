package io.quarkiverse.session.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The memory store with a chain of ID sources: the cookie, the header of API clients, and read-only query and form
 * parameters.
 */
public class IdSourcesProfile implements QuarkusTestProfile {

    static final String HEADER = "X-Session-ID";
    static final String PARAMETER = "session_id";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.session.store", "memory",
                "quarkus.session.id-sources", "cookie,header:" + HEADER + ",query:" + PARAMETER + ",form:" + PARAMETER);
    }
}
