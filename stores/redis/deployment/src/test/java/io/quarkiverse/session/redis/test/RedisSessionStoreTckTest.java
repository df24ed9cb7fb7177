package io.quarkiverse.session.redis.test;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.quarkiverse.session.redis.runtime.RedisSessionStore;
import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.tck.SessionStoreContractTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * The Redis store against the store contract, on a real redis-server, through a Vert.x Redis client of its own: a new
 * key prefix for every test, so that every test starts with an empty store.
 */
class RedisSessionStoreTckTest extends SessionStoreContractTest {

    private static RedisServerProcess server;
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
        vertx = Vertx.vertx();
        // The concurrent tests send up to 32 requests at once.
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri()).setMaxPoolSize(32)
                .setMaxPoolWaiting(1024));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        vertx.closeAndAwait();
        server.close();
    }

    @Override
    protected SessionStore createStore() {
        return new RedisSessionStore(redis, "tck-" + UUID.randomUUID() + ":", Duration.ofSeconds(10), false);
    }

    @Override
    protected boolean expiresByItself() {
        // Every session key expires at its deadline (PEXPIREAT); expire(now) does nothing.
        return true;
    }
}
