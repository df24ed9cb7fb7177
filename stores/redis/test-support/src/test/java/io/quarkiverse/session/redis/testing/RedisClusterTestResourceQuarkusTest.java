package io.quarkiverse.session.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The cluster resource inside a real Quarkus test: the Redis client in cluster mode spreads keys over the three nodes. */
@QuarkusTest
@WithTestResource(RedisClusterTestResource.class)
class RedisClusterTestResourceQuarkusTest {

    @InjectRedis
    RedisClusterProcess cluster;

    @Inject
    RedisDataSource redisClient;

    @Test
    void redisClientInClusterModeWritesEachKeyToTheNodeOwningItsSlot() {
        assertNotNull(cluster, "@InjectRedis field filled");
        List<String> keys = IntStream.range(0, 30).mapToObj(i -> "session:" + i).sorted().collect(Collectors.toList());

        keys.forEach(key -> redisClient.value(String.class).set(key, "v"));

        assertEquals(keys, cluster.scanKeys("session:*"));
        Set<Integer> nodesUsed = new HashSet<>();
        for (String key : keys) {
            RedisServerProcess owner = cluster.nodeFor(key);
            nodesUsed.add(owner.port());
            try (RedisCommands commands = owner.connect()) {
                assertEquals("v", commands.command("GET", key));
            }
        }
        assertEquals(3, nodesUsed.size());
    }
}
