package io.quarkiverse.session.it;

import java.util.List;
import java.util.Map;

import io.quarkiverse.session.redis.testing.RedisTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The Redis store, on a standalone redis-server of the test's own, started on a free loopback port before the
 * application and stopped after it (the application's {@code quarkus.redis.hosts} points at it).
 */
public class RedisStoreProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.session.store", "redis");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisTestResource.class));
    }
}
