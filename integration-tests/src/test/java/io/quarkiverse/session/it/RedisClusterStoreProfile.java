package io.quarkiverse.session.it;

import java.util.List;
import java.util.Map;

import io.quarkiverse.session.redis.testing.RedisClusterTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The Redis store on a real three-master Redis Cluster of the test's own, started before the application
 * ({@code quarkus.redis.client-type=cluster}, {@code quarkus.redis.hosts} lists the three masters).
 */
public class RedisClusterStoreProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.session.store", "redis");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisClusterTestResource.class));
    }
}
