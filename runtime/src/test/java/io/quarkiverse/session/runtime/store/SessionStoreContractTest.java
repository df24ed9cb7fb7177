package io.quarkiverse.session.runtime.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The contract of {@link SessionStore}, run against every store.
 */
public abstract class SessionStoreContractTest {

    protected static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected SessionStore store;

    protected abstract SessionStore createStore() throws Exception;

    @BeforeEach
    protected void setUp() throws Exception {
        store = createStore();
    }

    protected static SessionKey newKey() {
        return SessionKey.ofSessionId(SessionIdGenerator.generate());
    }

    protected static byte[] json(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    protected static SessionRecord record(Map<String, byte[]> values) {
        return new SessionRecord(NOW, NOW, null, NOW.plus(Duration.ofMinutes(30)), values);
    }

    protected static SessionUpdate puts(Map<String, byte[]> puts) {
        return new SessionUpdate(NOW.plusSeconds(1), null, NOW.plus(Duration.ofMinutes(31)), puts, Set.of());
    }

    protected SessionRecord load(SessionKey key) {
        return store.load(key).await().indefinitely();
    }

    @Test
    void createdSessionLoadsWithItsTimesAndValues() {
        SessionKey key = newKey();
        store.create(key, new SessionRecord(NOW, NOW, Duration.ofHours(2), NOW.plus(Duration.ofHours(2)),
                Map.of("user", json("{\"name\":\"alice\"}"), "visits", json("3")))).await().indefinitely();
        SessionRecord loaded = load(key);
        assertNotNull(loaded);
        assertEquals(NOW, loaded.createdAt());
        assertEquals(NOW, loaded.lastAccessedAt());
        assertEquals(Duration.ofHours(2), loaded.idleTimeout());
        assertEquals(NOW.plus(Duration.ofHours(2)), loaded.expiresAt());
        assertArrayEquals(json("{\"name\":\"alice\"}"), loaded.values().get("user"));
        assertArrayEquals(json("3"), loaded.values().get("visits"));
        assertEquals(Set.of("user", "visits"), loaded.values().keySet());
    }

    @Test
    void unknownKeyLoadsNothing() {
        assertNull(load(newKey()));
    }

    @Test
    void updateAppliesPutsRemovalsAndTimes() {
        SessionKey key = newKey();
        store.create(key, record(Map.of("a", json("1"), "b", json("2")))).await().indefinitely();
        boolean applied = store.update(key, new SessionUpdate(NOW.plusSeconds(5), Duration.ofMinutes(5),
                NOW.plus(Duration.ofMinutes(10)), Map.of("c", json("3"), "a", json("10")), Set.of("b")))
                .await().indefinitely();
        assertTrue(applied);
        SessionRecord loaded = load(key);
        assertEquals(Set.of("a", "c"), loaded.values().keySet());
        assertArrayEquals(json("10"), loaded.values().get("a"));
        assertEquals(NOW.plusSeconds(5), loaded.lastAccessedAt());
        assertEquals(Duration.ofMinutes(5), loaded.idleTimeout());
        assertEquals(NOW.plus(Duration.ofMinutes(10)), loaded.expiresAt());
        assertEquals(NOW, loaded.createdAt());
    }

    @Test
    void updateWithNullTimesKeepsStoredTimes() {
        SessionKey key = newKey();
        store.create(key, record(Map.of())).await().indefinitely();
        store.update(key, new SessionUpdate(null, null, null, Map.of("a", json("1")), Set.of())).await()
                .indefinitely();
        SessionRecord loaded = load(key);
        assertEquals(NOW, loaded.lastAccessedAt());
        assertEquals(NOW.plus(Duration.ofMinutes(30)), loaded.expiresAt());
        assertNull(loaded.idleTimeout());
    }

    @Test
    void updateNeverCreatesASession() {
        SessionKey key = newKey();
        assertFalse(store.update(key, puts(Map.of("a", json("1")))).await().indefinitely());
        assertNull(load(key));
    }

    @Test
    void deletedSessionCannotBeUpdatedBack() {
        SessionKey key = newKey();
        store.create(key, record(Map.of("a", json("1")))).await().indefinitely();
        assertTrue(store.delete(key).await().indefinitely());
        assertFalse(store.update(key, puts(Map.of("late", json("1")))).await().indefinitely());
        assertNull(load(key));
        assertFalse(store.delete(key).await().indefinitely());
    }

    @Test
    void changeKeyMovesSessionAndKillsOldKey() {
        SessionKey from = newKey();
        SessionKey to = newKey();
        store.create(from, record(Map.of("cart", json("[1]")))).await().indefinitely();
        assertTrue(store.changeKey(from, to).await().indefinitely());
        assertNull(load(from));
        assertArrayEquals(json("[1]"), load(to).values().get("cart"));
        assertFalse(store.update(from, puts(Map.of("late", json("1")))).await().indefinitely());
        assertFalse(load(to).values().containsKey("late"));
        assertFalse(store.changeKey(from, newKey()).await().indefinitely());
    }

    @Test
    void concurrentUpdatesOfDifferentKeysAllSurvive() {
        SessionKey key = newKey();
        store.create(key, record(Map.of())).await().indefinitely();
        List<CompletableFuture<Boolean>> updates = IntStream.range(0, 64)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> store.update(key, puts(Map.of("k" + i, json(Integer.toString(i))))).await()
                                .indefinitely()))
                .toList();
        updates.forEach(update -> assertTrue(update.join()));
        assertEquals(64, load(key).values().size());
    }

    @Test
    void expireDeletesOnlyExpiredSessions() {
        SessionKey expired = newKey();
        SessionKey alive = newKey();
        store.create(expired, new SessionRecord(NOW, NOW, null, NOW.minusSeconds(1), Map.of())).await()
                .indefinitely();
        store.create(alive, record(Map.of())).await().indefinitely();
        int deleted = store.expire(NOW).await().indefinitely();
        assertEquals(1, deleted);
        assertNull(load(expired));
        assertNotNull(load(alive));
    }

    @Test
    void listPagesThroughAllSessions() {
        Set<SessionKey> created = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            SessionKey key = newKey();
            created.add(key);
            store.create(key, record(Map.of("i", json(Integer.toString(i))))).await().indefinitely();
        }
        Set<SessionKey> listed = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            SessionPage page = store.list(cursor, 10).await().indefinitely();
            page.sessions().forEach(summary -> {
                listed.add(summary.key());
                assertEquals(Set.of("i"), summary.keys());
            });
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(created, listed);
        assertEquals(3, pages);
    }
}
