package io.quarkiverse.session.redis.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.session.redis.runtime.RedisSessionStore;
import io.quarkiverse.session.redis.testing.RedisClusterProcess;
import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

/**
 * The Redis store on a real Redis Cluster of three masters, through a cluster client: {@code deleteAll} deletes the
 * sessions of every master, each by a command of its own slot, and the keys of another prefix stay; the principal index,
 * in one slot, finds a principal's sessions on every master, follows their moves and deletes, and is gone with them.
 */
class RedisClusterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static RedisClusterProcess cluster;
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.start();
        vertx = Vertx.vertx();
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER).setMaxPoolSize(8)
                .setMaxPoolWaiting(64);
        for (RedisServerProcess node : cluster.nodes()) {
            options.addConnectionString(node.uri());
        }
        redis = Redis.createClient(vertx, options);
    }

    @AfterAll
    static void stopCluster() {
        if (redis != null) {
            redis.close();
        }
        vertx.closeAndAwait();
        cluster.close();
    }

    @Test
    void thePrincipalIndexFindsSessionsOnEveryMaster() {
        String prefix = "bound-" + UUID.randomUUID() + ":";
        RedisSessionStore store = new RedisSessionStore(redis, prefix, TIMEOUT, true, 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionRecord alices = new SessionRecord(now, now, null, now.plus(Duration.ofMinutes(30)), Map.of(), "alice");
        Set<SessionKey> keys = new HashSet<>();
        Set<Integer> masters = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            SessionKey key = SessionKey.ofSessionId(UUID.randomUUID().toString());
            keys.add(key);
            store.create(key, alices).await().atMost(TIMEOUT);
            masters.add(cluster.nodes().indexOf(cluster.nodeFor(prefix + key.toHex())));
        }
        assertEquals(3, masters.size(), "the sessions are spread over the three masters");
        SessionKey moved = keys.iterator().next();
        SessionKey movedTo = SessionKey.ofSessionId(UUID.randomUUID().toString());
        assertTrue(store.changeKey(moved, movedTo).await().atMost(TIMEOUT));
        keys.remove(moved);
        keys.add(movedTo);
        SessionKey deleted = keys.iterator().next();
        assertTrue(store.delete(deleted).await().atMost(TIMEOUT));
        keys.remove(deleted);

        assertEquals(keys, store.findByPrincipal("alice").await().atMost(TIMEOUT).stream().map(SessionEntry::key)
                .collect(Collectors.toSet()));
        assertEquals(29, store.deleteAll().await().atMost(TIMEOUT));
        assertEquals(List.of(), store.findByPrincipal("alice").await().atMost(TIMEOUT));
        assertEquals(List.of(), cluster.scanKeys(prefix + "*"), "no session and no index is left on any master");
        store.close();
    }

    @Test
    void deleteAllDeletesTheSessionsOfEveryMasterAndOnlyThem() {
        String prefix = "deleted-" + UUID.randomUUID() + ":";
        String otherPrefix = "kept-" + UUID.randomUUID() + ":";
        RedisSessionStore store = new RedisSessionStore(redis, prefix, TIMEOUT, true, 1);
        RedisSessionStore other = new RedisSessionStore(redis, otherPrefix, TIMEOUT, true, 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionRecord record = new SessionRecord(now, now, null, now.plus(Duration.ofMinutes(30)), Map.of());
        List<SessionKey> keys = new ArrayList<>();
        Set<Integer> masters = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            SessionKey key = SessionKey.ofSessionId(UUID.randomUUID().toString());
            keys.add(key);
            store.create(key, record).await().atMost(TIMEOUT);
            masters.add(cluster.nodes().indexOf(cluster.nodeFor(prefix + key.toHex())));
        }
        assertEquals(3, masters.size(), "the sessions are spread over the three masters");
        SessionKey kept = SessionKey.ofSessionId(UUID.randomUUID().toString());
        other.create(kept, record).await().atMost(TIMEOUT);

        assertEquals(300, store.deleteAll().await().atMost(TIMEOUT));

        assertEquals(List.of(), cluster.scanKeys(prefix + "*"), "no key of the prefix is left on any master");
        for (SessionKey key : keys) {
            SessionUpdate late = new SessionUpdate(now, null, now.plus(Duration.ofMinutes(30)), Map.of(), Set.of());
            assertFalse(store.update(key, late).await().atMost(TIMEOUT), "an update of a deleted session creates nothing");
        }
        assertTrue(cluster.scanKeys(prefix + "*").isEmpty());
        assertNotNull(other.load(kept).await().atMost(TIMEOUT), "another prefix's session stays");
        assertEquals(0, store.deleteAll().await().atMost(TIMEOUT), "nothing left to delete");
    }
}
