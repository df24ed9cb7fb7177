package io.quarkiverse.session.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The standalone resource inside a real Quarkus test: the Redis client reaches the server, which the test controls. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = RedisTestResource.PERSISTENT, value = "true"))
class RedisTestResourceQuarkusTest {

    @InjectRedis
    RedisServerProcess redis;

    @Inject
    RedisDataSource redisClient;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String hosts;

    @Test
    void redisClientWritesToTheInjectedServerAndRecoversAfterItsRestart() {
        assertNotNull(redis, "@InjectRedis field filled");
        assertEquals(redis.uri(), hosts);

        redisClient.value(String.class).set("written-by-quarkus", "yes");
        try (RedisCommands commands = redis.connect()) {
            assertEquals("yes", commands.command("GET", "written-by-quarkus"));
        }

        redis.stop();
        redis.restart();

        assertEquals("yes", readAfterReconnect());
    }

    private String readAfterReconnect() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return redisClient.value(String.class).get("written-by-quarkus");
            } catch (RuntimeException e) {
                // The client's pooled connections died with the server; a later request gets a new one.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
