package io.quarkiverse.session.runtime.store.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.runtime.store.SessionStoreTestSupport;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The memory store's eviction policy: new sessions that are not used again go first, so a flood of them cannot push
 * out the sessions in use, and the limit holds whatever the mix.
 */
class MemoryStoreEvictionTest extends SessionStoreTestSupport {

    private static final int LIMIT = 10_000;

    @Override
    protected SessionStore createStore() {
        return new MemorySessionStore(LIMIT);
    }

    @Test
    void floodOfNewSessionsLeavesEverySessionUsedAgain() {
        MemorySessionStore store = new MemorySessionStore(LIMIT);
        // Half the limit in use: loaded again after their creation, or regenerated (a login), and then left alone.
        Map<SessionKey, byte[]> inUse = new HashMap<>();
        for (int i = 0; i < LIMIT / 2; i++) {
            SessionKey key = newKey();
            byte[] user = json(Integer.toString(i));
            store.createNow(key, record(Map.of("user", user)));
            if (i % 4 == 0) {
                SessionKey regenerated = newKey();
                assertTrue(store.changeKeyNow(key, regenerated));
                key = regenerated;
            } else {
                assertNotNull(store.loadNow(key));
            }
            inUse.put(key, user);
        }
        // Ten times the limit of anonymous visitors, each sending one request.
        List<SessionKey> flood = new ArrayList<>();
        for (int i = 0; i < 10 * LIMIT; i++) {
            SessionKey key = newKey();
            flood.add(key);
            store.createNow(key, record(Map.of("csrf", json("\"" + i + "\""))));
            assertTrue(store.size() <= LIMIT, "never above the limit");
        }
        assertEquals(LIMIT, store.size());
        inUse.forEach((key, user) -> {
            SessionRecord loaded = store.loadNow(key);
            assertNotNull(loaded, "a session used again survives the flood");
            assertArrayEquals(user, loaded.values().get("user"));
        });
        for (int i = flood.size() - 1_000; i < flood.size(); i++) {
            assertNotNull(store.loadNow(flood.get(i)), "the newest visitors are kept too");
        }
        assertNull(store.loadNow(flood.get(0)), "the oldest anonymous visitors went first");
    }

    @Test
    void newVisitorWhoComesBackDuringAFloodIsKept() {
        MemorySessionStore store = new MemorySessionStore(LIMIT);
        for (int i = 0; i < LIMIT; i++) {
            SessionKey key = newKey();
            store.createNow(key, record(Map.of("user", json("1"))));
            store.loadNow(key);
        }
        // The protected part is full: new sessions keep probation, a fifth of the limit.
        flood(store, LIMIT);
        SessionKey newcomer = newKey();
        store.createNow(newcomer, record(Map.of("cart", json("[]"))));
        // Back after half of probation's worth of new sessions: in time, though the store turned over since.
        flood(store, LIMIT / 10);
        assertNotNull(store.loadNow(newcomer));
        flood(store, 5 * LIMIT);
        assertNotNull(store.loadNow(newcomer), "a new visitor who came back in time is protected");
        SessionKey lateNewcomer = newKey();
        store.createNow(lateNewcomer, record(Map.of("cart", json("[]"))));
        flood(store, LIMIT / 2);
        assertNull(store.loadNow(lateNewcomer), "one who did not come back within probation was evicted");
    }

    @Test
    void protectedPartGivesWayBeyondItsShare() {
        // One segment: every session is used again, three times as many as the limit.
        MemorySessionStore store = new MemorySessionStore(2_000);
        List<SessionKey> keys = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            SessionKey key = newKey();
            keys.add(key);
            store.createNow(key, record(Map.of("i", json(Integer.toString(i)))));
            assertNotNull(store.loadNow(key));
            assertTrue(store.size() <= 2_000, "never above the limit");
        }
        assertEquals(2_000, store.size());
        for (int i = 0; i < 1_000; i++) {
            assertNull(store.loadNow(keys.get(i)), "the least recently used went first");
        }
        for (int i = 5_800; i < 6_000; i++) {
            assertArrayEquals(json(Integer.toString(i)), store.loadNow(keys.get(i)).values().get("i"));
        }
    }

    @Test
    void tinyStoresHoldTheirLimitWithRegeneratedSessions() {
        for (int limit = 1; limit <= 4; limit++) {
            MemorySessionStore store = new MemorySessionStore(limit);
            SessionKey last = null;
            for (int i = 0; i < 50; i++) {
                SessionKey key = newKey();
                store.createNow(key, record(Map.of("i", json(Integer.toString(i)))));
                if (i % 3 != 2) {
                    last = newKey();
                    assertTrue(store.changeKeyNow(key, last));
                } else {
                    last = key;
                }
                assertTrue(store.size() <= limit, "limit " + limit + ", step " + i);
                assertArrayEquals(json(Integer.toString(i)), store.loadNow(last).values().get("i"), "the newest stays");
            }
        }
    }

    /**
     * Random operations on a store far smaller than the sessions they create, with the evictions that brings: a session
     * the store still has holds exactly the model's values, the limit holds, and every listing agrees with what is
     * left of the model.
     */
    @Test
    void randomOperationsOnABoundedStoreKeepTheLimitAndTheValues() {
        int limit = 2_048;
        MemorySessionStore store = new MemorySessionStore(limit);
        Map<SessionKey, Map<String, byte[]>> model = new HashMap<>();
        List<SessionKey> known = new ArrayList<>();
        Random random = new Random(7);
        for (int step = 0; step < 60_000; step++) {
            int operation = random.nextInt(100);
            SessionKey key = known.isEmpty() || operation < 30 ? newKey() : known.get(random.nextInt(known.size()));
            if (operation < 30) {
                Map<String, byte[]> values = Map.of("v", json(Integer.toString(step)));
                store.createNow(key, new SessionRecord(NOW, NOW, null, NOW.plusSeconds(60), values));
                model.put(key, new HashMap<>(values));
                known.add(key);
            } else if (operation < 60) {
                Map<String, byte[]> puts = Map.of("k" + random.nextInt(3), json("\"" + "x".repeat(random.nextInt(50)) + "\""));
                if (store.updateNow(key, new SessionUpdate(NOW, null, null, puts, Set.of()))) {
                    assertTrue(model.containsKey(key), "step " + step + ": an update never revives a session");
                    model.get(key).putAll(puts);
                } else {
                    model.remove(key);
                }
            } else if (operation < 65) {
                store.deleteNow(key);
                model.remove(key);
            } else if (operation < 75) {
                SessionKey to = newKey();
                if (store.changeKeyNow(key, to)) {
                    assertTrue(model.containsKey(key), "step " + step + ": a move never revives a session");
                    model.put(to, model.remove(key));
                    known.add(to);
                } else {
                    model.remove(key);
                }
            } else {
                SessionRecord loaded = store.loadNow(key);
                if (loaded == null) {
                    model.remove(key);
                } else {
                    assertTrue(model.containsKey(key), "step " + step + ": a load never revives a session");
                    assertValues(model.get(key), loaded.values(), step);
                }
            }
            assertTrue(store.size() <= limit, "step " + step + ": never above the limit");
            assertTrue(store.size() <= model.size(), "step " + step + ": no session the model does not know");
            if (step % 5_000 == 4_999) {
                Set<SessionKey> listed = listAll(store);
                assertTrue(model.keySet().containsAll(listed), "step " + step + ": nothing evicted comes back");
                model.keySet().retainAll(listed);
                assertEquals(model.size(), store.size(), "step " + step);
            }
        }
        assertTrue(store.size() > limit * 9 / 10, "the creations filled the store");
        for (SessionKey key : listAll(store)) {
            assertValues(model.get(key), store.loadNow(key).values(), -1);
        }
    }

    private static void flood(MemorySessionStore store, int sessions) {
        for (int i = 0; i < sessions; i++) {
            store.createNow(newKey(), record(Map.of("csrf", json("1"))));
            assertTrue(store.size() <= LIMIT, "never above the limit");
        }
    }

    private static Set<SessionKey> listAll(MemorySessionStore store) {
        Set<SessionKey> listed = new HashSet<>();
        String cursor = null;
        do {
            SessionPage page = store.list(cursor, 500).await().indefinitely();
            page.sessions().forEach(summary -> assertTrue(listed.add(summary.key()), "listed once"));
            cursor = page.nextCursor();
        } while (cursor != null);
        return listed;
    }

    private static void assertValues(Map<String, byte[]> expected, Map<String, byte[]> actual, int step) {
        assertEquals(expected.keySet(), actual.keySet(), "step " + step);
        expected.forEach((name, value) -> assertArrayEquals(value, actual.get(name), "step " + step + ", " + name));
    }
}
