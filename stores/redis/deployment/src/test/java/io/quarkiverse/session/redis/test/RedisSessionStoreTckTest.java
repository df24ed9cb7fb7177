package io.quarkiverse.session.redis.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.session.redis.runtime.RedisSessionStore;
import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkiverse.session.spi.SessionKey;
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

    /** Each store keeps a connection of the client's pool: given back after each test. */
    private final List<RedisSessionStore> created = new ArrayList<>();

    @AfterEach
    void closeStores() {
        created.forEach(RedisSessionStore::close);
    }

    @Override
    protected SessionStore createStore() {
        return newStore("tck-");
    }

    private RedisSessionStore newStore(String prefix) {
        RedisSessionStore store = new RedisSessionStore(redis, prefix + UUID.randomUUID() + ":", Duration.ofSeconds(10),
                false, 2);
        created.add(store);
        return store;
    }

    @Test
    void deleteAllLeavesTheKeysOfOtherPrefixesAlone() {
        RedisSessionStore other = newStore("tck-other-");
        SessionKey mine = newKey();
        SessionKey theirs = newKey();
        create(mine, record(Map.of("a", json("1"))));
        await(other.create(theirs, record(Map.of("b", json("2")))));

        assertEquals(1, await(store().deleteAll()));
        assertNull(load(mine));
        assertArrayEquals(json("2"), await(other.load(theirs)).values().get("b"), "another prefix's session stays");
        assertEquals(1, await(other.deleteAll()));
    }

    @Override
    protected boolean expiresByItself() {
        // Every session key expires at its deadline (PEXPIREAT); expire(now) does nothing.
        return true;
    }
}
