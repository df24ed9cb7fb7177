package io.quarkiverse.session.runtime.store.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.store.SessionStoreTestSupport;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;

class MemorySessionStoreTest extends SessionStoreTestSupport {

    @Override
    protected SessionStore createStore() {
        return new MemorySessionStore(1000);
    }

    @Test
    void boundedStoreEvictsTheLongestIdleFirst() {
        MemorySessionStore bounded = new MemorySessionStore(200);
        List<SessionKey> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            SessionKey key = newKey();
            keys.add(key);
            Instant lastAccess = NOW.plusMillis(i);
            bounded.create(key, new SessionRecord(NOW, lastAccess, null, lastAccess.plusSeconds(60), Map.of()))
                    .await().indefinitely();
            assertTrue(bounded.size() <= 200, "never above the maximum");
        }
        assertNull(bounded.load(keys.get(0)).await().indefinitely(), "the longest idle went first");
        assertNotNull(bounded.load(keys.get(299)).await().indefinitely(), "the newest stays");
        int survivors = (int) keys.stream().filter(key -> bounded.load(key).await().indefinitely() != null).count();
        assertEquals(bounded.size(), survivors);
        // Survivors are exactly the most recently used ones.
        for (int i = 300 - survivors; i < 300; i++) {
            assertNotNull(bounded.load(keys.get(i)).await().indefinitely(), "session " + i + " survives");
        }
    }

    @Test
    void deleteAllEmptiesEverySegmentAndTheStoreFillsAgain() {
        // 16,384 sessions: sixteen segments, each emptied on its own.
        MemorySessionStore segmented = new MemorySessionStore(16_384);
        List<SessionKey> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            keys.add(newKey());
            segmented.createNow(keys.get(i), record(Map.of("i", json(Integer.toString(i)))));
        }
        assertEquals(2_000, segmented.deleteAllNow());
        assertEquals(0, segmented.size(), "the session count follows");
        assertTrue(segmented.list(null, 10).await().indefinitely().sessions().isEmpty());
        for (SessionKey key : keys) {
            assertNull(segmented.loadNow(key));
            assertFalse(segmented.updateNow(key, puts(Map.of("late", json("1")))));
        }
        // The freed rows and the emptied queues serve again: new sessions, and eviction at the limit.
        for (int i = 0; i < 20_000; i++) {
            segmented.createNow(newKey(), record(Map.of("i", json(Integer.toString(i)))));
        }
        assertEquals(16_384, segmented.size());
    }

    @Test
    void segmentedStoreEvictsOnlyBeyondTheLimitAndKeepsTheRecentlyUsed() {
        // 5,000 sessions: four segments, each evicting its own new sessions first.
        MemorySessionStore bounded = new MemorySessionStore(5_000);
        List<SessionKey> keys = new ArrayList<>();
        SessionKey regular = newKey();
        bounded.createNow(regular, record(Map.of("user", json("1"))));
        for (int i = 0; i < 50_000; i++) {
            SessionKey key = newKey();
            keys.add(key);
            bounded.createNow(key, record(Map.of("i", json(Integer.toString(i)))));
            assertTrue(bounded.size() <= 5_000, "never above the maximum");
            if (i % 1_000 == 0) {
                assertNotNull(bounded.loadNow(regular), "a session in use is never evicted");
            }
        }
        assertEquals(5_000, bounded.size());
        for (int i = 49_000; i < 50_000; i++) {
            assertArrayEquals(json(Integer.toString(i)), bounded.loadNow(keys.get(i)).values().get("i"),
                    "recent session " + i + " survives");
        }
        assertNull(bounded.loadNow(keys.get(0)), "the longest idle went first");
    }

    /**
     * Random operations on a segmented store, checked against a map after every step: exercises row reuse, index
     * growth and backward-shift deletion, queue wrap-around and arena compaction.
     */
    @Test
    void randomOperationsAgreeWithAMap() {
        MemorySessionStore store = new MemorySessionStore(1_000_000);
        Map<SessionKey, Map<String, String>> model = new HashMap<>();
        Map<SessionKey, Instant> expiries = new HashMap<>();
        List<SessionKey> known = new ArrayList<>();
        Random random = new Random(42);
        for (int step = 0; step < 60_000; step++) {
            int operation = random.nextInt(100);
            SessionKey key = known.isEmpty() || operation < 25 ? newKey() : known.get(random.nextInt(known.size()));
            if (operation < 30) {
                Map<String, String> values = randomValues(random);
                Instant expiresAt = NOW.plusSeconds(random.nextInt(100));
                SessionRecord record = new SessionRecord(NOW, NOW, null, expiresAt, encode(values));
                if (model.containsKey(key)) {
                    // A key in use is never written over: the session held there stays as it is.
                    assertThrows(SessionStoreException.class, () -> store.createNow(key, record));
                } else {
                    store.createNow(key, record);
                    model.put(key, values);
                    expiries.put(key, expiresAt);
                    known.add(key);
                }
            } else if (operation < 70) {
                Map<String, String> puts = randomValues(random);
                Set<String> removals = random.nextBoolean() ? Set.of("k" + random.nextInt(6)) : Set.of();
                Set<String> removed = new HashSet<>(removals);
                removed.removeAll(puts.keySet());
                boolean applied = store.updateNow(key,
                        new SessionUpdate(NOW, null, null, encode(puts), removed));
                assertEquals(model.containsKey(key), applied);
                if (applied) {
                    model.get(key).keySet().removeAll(removed);
                    model.get(key).putAll(puts);
                }
            } else if (operation < 80) {
                assertEquals(model.remove(key) != null, store.deleteNow(key));
            } else if (operation < 88) {
                SessionKey to = newKey();
                assertEquals(model.containsKey(key), store.changeKeyNow(key, to));
                if (model.containsKey(key)) {
                    model.put(to, model.remove(key));
                    expiries.put(to, expiries.get(key));
                    known.add(to);
                }
            } else if (operation < 89) {
                Instant now = NOW.plusSeconds(random.nextInt(100));
                int expected = (int) model.keySet().stream().filter(k -> !expiries.get(k).isAfter(now)).count();
                model.keySet().removeIf(k -> !expiries.get(k).isAfter(now));
                assertEquals(expected, store.expire(now).await().indefinitely());
            } else {
                SessionRecord loaded = store.loadNow(key);
                assertEquals(model.get(key), loaded == null ? null : decode(loaded.values()), "step " + step);
            }
            assertEquals(model.size(), store.size(), "step " + step);
        }
        for (Map.Entry<SessionKey, Map<String, String>> session : model.entrySet()) {
            assertEquals(session.getValue(), decode(store.loadNow(session.getKey()).values()));
        }
        Set<SessionKey> listed = new HashSet<>();
        String cursor = null;
        do {
            SessionPage page = store.list(cursor, 100).await().indefinitely();
            page.sessions().forEach(summary -> assertTrue(listed.add(summary.key()), "listed once"));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(model.keySet(), listed);
    }

    @Test
    void sameLengthWritesReplaceOnlyTheirOwnValue() {
        MemorySessionStore store = new MemorySessionStore(1000);
        SessionKey key = newKey();
        SessionKey neighbour = newKey();
        store.createNow(key, record(Map.of("a", json("1"), "count", json("41"), "z", json("\"zz\""))));
        store.createNow(neighbour, record(Map.of("count", json("99"))));
        SessionRecord before = store.loadNow(key);
        assertTrue(store.updateNow(key, new SessionUpdate(NOW, null, null, Map.of("count", json("42")), Set.of())));
        assertArrayEquals(json("41"), before.values().get("count"), "a loaded session is a snapshot");
        SessionRecord after = store.loadNow(key);
        assertArrayEquals(json("42"), after.values().get("count"));
        assertArrayEquals(json("1"), after.values().get("a"));
        assertArrayEquals(json("\"zz\""), after.values().get("z"));
        assertArrayEquals(json("99"), store.loadNow(neighbour).values().get("count"));
        assertTrue(store.updateNow(key, new SessionUpdate(NOW, null, null, Map.of("count", json("100")), Set.of())));
        assertArrayEquals(json("100"), store.loadNow(key).values().get("count"));
        assertEquals(3, store.loadNow(key).values().size());
    }

    @Test
    void segmentThatCannotHoldMoreValuesRefusesTheWriteAndKeepsWhatItHas() {
        // One segment whose values may take 64 KiB: the limit of a real one, 2 GiB, scaled down.
        MemorySessionStore store = new MemorySessionStore(1000, 64 * 1024);
        byte[] kilobyte = json("\"" + "x".repeat(1022) + "\"");
        List<SessionKey> kept = new ArrayList<>();
        SessionStoreException full = null;
        while (full == null) {
            SessionKey key = newKey();
            try {
                store.createNow(key, record(Map.of("v", kilobyte)));
                kept.add(key);
            } catch (SessionStoreException e) {
                full = e;
                assertNull(store.loadNow(key), "a refused session is not stored");
            }
        }
        assertTrue(full.getMessage().contains("quarkus.session.memory.max-sessions"), full.getMessage());
        assertTrue(kept.size() > 50 && kept.size() < 64, "about 64 KiB held: " + kept.size());
        assertEquals(kept.size(), store.size());
        SessionKey first = kept.get(0);
        assertThrows(SessionStoreException.class, () -> store.updateNow(first,
                new SessionUpdate(NOW, null, null, Map.of("more", kilobyte), Set.of())));
        assertThrows(SessionStoreException.class, () -> store.createNow(first, record(Map.of("v", kilobyte,
                "more", kilobyte))));
        for (SessionKey key : kept) {
            assertEquals(Set.of("v"), store.loadNow(key).values().keySet(), "a refused write changes nothing");
            assertArrayEquals(kilobyte, store.loadNow(key).values().get("v"));
        }
        assertTrue(store.deleteNow(kept.get(1)));
        assertTrue(store.updateNow(first, new SessionUpdate(NOW, null, null, Map.of("more", kilobyte), Set.of())),
                "room again once a session is gone");
        assertArrayEquals(kilobyte, store.loadNow(first).values().get("more"));
    }

    @Test
    void regeneratedSessionThatDoesNotFitItsNewSegmentStaysUnderItsOldKey() {
        // Two segments, chosen by bit 0 of key word 1; the second one is filled up.
        MemorySessionStore store = new MemorySessionStore(2048, 16 * 1024);
        byte[] kilobyte = json("\"" + "x".repeat(1022) + "\"");
        SessionKey old = keyInSegment(0);
        store.createNow(old, record(Map.of("user", kilobyte)));
        assertThrows(SessionStoreException.class, () -> {
            while (true) {
                store.createNow(keyInSegment(1), record(Map.of("v", kilobyte)));
            }
        });
        assertThrows(SessionStoreException.class, () -> store.changeKeyNow(old, keyInSegment(1)));
        assertArrayEquals(kilobyte, store.loadNow(old).values().get("user"), "still there under its old key");
    }

    private static SessionKey keyInSegment(int segment) {
        SessionKey key;
        do {
            key = newKey();
        } while (((int) key.word(1) & 1) != segment);
        return key;
    }

    @Test
    void concurrentSessionsOnManyThreadsKeepTheirOwnValues() {
        MemorySessionStore store = new MemorySessionStore(100_000);
        List<CompletableFuture<Void>> workers = IntStream.range(0, 4).mapToObj(worker -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5_000; i++) {
                SessionKey key = newKey();
                store.createNow(key, record(Map.of("owner", json(Integer.toString(worker)))));
                store.updateNow(key, new SessionUpdate(NOW, Duration.ofMinutes(1), null, Map.of("i", json(Integer.toString(i))),
                        Set.of()));
                SessionRecord loaded = store.loadNow(key);
                assertArrayEquals(json(Integer.toString(worker)), loaded.values().get("owner"));
                assertArrayEquals(json(Integer.toString(i)), loaded.values().get("i"));
                assertEquals(Duration.ofMinutes(1), loaded.idleTimeout());
                if (i % 2 == 0) {
                    assertTrue(store.deleteNow(key));
                }
            }
        })).toList();
        workers.forEach(CompletableFuture::join);
        assertEquals(10_000, store.size());
    }

    private static Map<String, String> randomValues(Random random) {
        Map<String, String> values = new TreeMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            // Few lengths, random letters: many writes replace a value by a different one of the same length.
            String letter = String.valueOf((char) ('a' + random.nextInt(26)));
            values.put("k" + random.nextInt(6), "\"" + letter.repeat(random.nextInt(4) * 97) + "\"");
        }
        return values;
    }

    private static Map<String, byte[]> encode(Map<String, String> values) {
        Map<String, byte[]> encoded = new HashMap<>();
        values.forEach((key, value) -> encoded.put(key, json(value)));
        return encoded;
    }

    private static Map<String, String> decode(Map<String, byte[]> values) {
        Map<String, String> decoded = new HashMap<>();
        values.forEach((key, value) -> decoded.put(key, new String(value, java.nio.charset.StandardCharsets.UTF_8)));
        return decoded;
    }
}
