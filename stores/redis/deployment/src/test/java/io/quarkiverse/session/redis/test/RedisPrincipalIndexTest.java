package io.quarkiverse.session.redis.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.session.redis.runtime.RedisSessionStore;
import io.quarkiverse.session.redis.testing.RedisCommands;
import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * What the Redis store keeps for its principal index, looked at in a real redis-server: the sorted set of a
 * principal's sessions, its members' scores and its expiry (the store TCK checks what {@code findByPrincipal} answers;
 * this checks that the index stays small and expires with its sessions). A new key prefix for every test.
 */
class RedisPrincipalIndexTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static RedisServerProcess server;
    private static Vertx vertx;
    private static Redis redis;

    private String prefix;
    private RedisSessionStore store;
    private RedisCommands commands;
    private Instant now;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri()));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        vertx.closeAndAwait();
        server.close();
    }

    @BeforeEach
    void newStore() {
        prefix = "index-" + UUID.randomUUID() + ":";
        store = new RedisSessionStore(redis, prefix, TIMEOUT, false, 1);
        commands = server.connect();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @AfterEach
    void closeStore() {
        store.close();
        commands.close();
    }

    @Test
    void theIndexExpiresWithItsLongestLivedSession() {
        SessionKey shortLived = SessionKey.ofSessionId(UUID.randomUUID().toString());
        SessionKey longLived = SessionKey.ofSessionId(UUID.randomUUID().toString());
        await(store.create(shortLived, bound(now.plus(Duration.ofMinutes(10)), "alice")));
        await(store.create(longLived, bound(now.plus(Duration.ofMinutes(20)), "alice")));
        assertExpiresAt(now.plus(Duration.ofMinutes(20)), "the index lives as long as its longest-lived session");

        Instant later = now.plus(Duration.ofMinutes(40));
        assertTrue(await(store.update(shortLived,
                new SessionUpdate(now, null, later, Map.of(), Set.of(), "alice", false))));
        assertEquals(Long.toString(later.toEpochMilli()), commands.command("ZSCORE", indexKey("alice"),
                shortLived.toHex()), "a touch raises the session's score to its new deadline");
        assertExpiresAt(later, "a touch that extends a session extends its index");

        assertTrue(await(store.delete(shortLived)));
        assertEquals(List.of(longLived.toHex()), commands.command("ZRANGE", indexKey("alice"), "0", "-1"),
                "a deleted session leaves the index");
        assertExpiresAt(now.plus(Duration.ofMinutes(20)), "the index expires with the sessions it still lists");
    }

    @Test
    void aMemberWhoseSessionExpiredIsDroppedOnRead() throws InterruptedException {
        SessionKey expiring = SessionKey.ofSessionId(UUID.randomUUID().toString());
        SessionKey alive = SessionKey.ofSessionId(UUID.randomUUID().toString());
        await(store.create(expiring, bound(Instant.now().plusMillis(300), "alice")));
        await(store.create(alive, bound(now.plus(Duration.ofMinutes(30)), "alice")));
        String expiringKey = prefix + expiring.toHex();
        Instant giveUp = Instant.now().plusSeconds(10);
        while (!Long.valueOf(0).equals(commands.command("EXISTS", expiringKey))) {
            if (Instant.now().isAfter(giveUp)) {
                fail("the session did not expire");
            }
            Thread.sleep(20);
        }
        assertEquals(2L, commands.command("ZCARD", indexKey("alice")), "nothing has written the index since");

        assertEquals(Set.of(alive), found("alice"));
        assertEquals(List.of(alive.toHex()), commands.command("ZRANGE", indexKey("alice"), "0", "-1"),
                "the read dropped the member of the expired session");
    }

    @Test
    void aTouchThatBelievesAnotherPrincipalExtendsTheRealOnesIndex() {
        SessionKey key = SessionKey.ofSessionId(UUID.randomUUID().toString());
        await(store.create(key, bound(now.plus(Duration.ofMinutes(10)), "alice")));
        // Rebound to bob by a request the toucher did not see: it still believes the session is alice's.
        assertTrue(await(store.update(key, new SessionUpdate(now, null, now.plus(Duration.ofMinutes(10)), Map.of(),
                Set.of(), "bob", true))));
        Instant later = now.plus(Duration.ofMinutes(30));
        assertTrue(await(store.update(key, new SessionUpdate(now, null, later, Map.of(), Set.of(), "alice", false))));

        assertEquals(Long.toString(later.toEpochMilli()), commands.command("ZSCORE", indexKey("bob"), key.toHex()),
                "the index of the principal the session has follows its new deadline");
        assertEquals(Set.of(key), found("bob"));
        assertEquals(Set.of(), found("alice"), "the stale member of the former principal is never returned");
    }

    @Test
    void deletingEverySessionLeavesNoIndexBehind() {
        for (int i = 0; i < 5; i++) {
            await(store.create(SessionKey.ofSessionId(UUID.randomUUID().toString()),
                    bound(now.plus(Duration.ofMinutes(30)), i % 2 == 0 ? "alice" : "bob")));
        }
        SessionKey moved = SessionKey.ofSessionId(UUID.randomUUID().toString());
        SessionKey movedTo = SessionKey.ofSessionId(UUID.randomUUID().toString());
        await(store.create(moved, bound(now.plus(Duration.ofMinutes(30)), "carol")));
        assertTrue(await(store.changeKey(moved, movedTo)));
        assertEquals(List.of(movedTo.toHex()), commands.command("ZRANGE", indexKey("carol"), "0", "-1"),
                "a move replaces the old key by the new one in the index");

        assertEquals(6, await(store.deleteAll()));
        assertEquals(List.of(), commands.scanKeys(prefix + "*"), "no session and no index is left");
    }

    private Set<SessionKey> found(String principal) {
        return await(store.findByPrincipal(principal)).stream().map(SessionEntry::key).collect(Collectors.toSet());
    }

    private void assertExpiresAt(Instant deadline, String message) {
        long expected = deadline.toEpochMilli() - System.currentTimeMillis();
        long ttl = (Long) commands.command("PTTL", indexKey("alice"));
        assertTrue(Math.abs(ttl - expected) < 5_000, message + ": expected about " + expected + " ms, got " + ttl);
    }

    /** The key of a principal's index, as the Redis store's docs describe it. */
    private String indexKey(String principal) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
            return prefix + "principal:" + HexFormat.of().formatHex(hash) + ":sessions";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SessionRecord bound(Instant expiresAt, String principal) {
        return new SessionRecord(now, now, null, expiresAt, Map.of(), principal);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(TIMEOUT);
    }
}
