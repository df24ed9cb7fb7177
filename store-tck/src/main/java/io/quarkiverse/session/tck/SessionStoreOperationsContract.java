package io.quarkiverse.session.tck;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The contract of each {@link SessionStore} operation on its own: create, load, update, change key, delete, delete all
 * and list; expiry and readiness are in {@link SessionStoreExpiryContract}. Extend {@link SessionStoreContractTest},
 * which adds the concurrent tests, rather than this class.
 */
public abstract class SessionStoreOperationsContract extends SessionStoreTestBase {

    // ---- Create and load ----

    @Test
    public void createdSessionLoadsWithItsTimesAndValues() {
        SessionKey key = newKey();
        create(key, new SessionRecord(now, now, Duration.ofHours(2), now.plus(Duration.ofHours(2)),
                Map.of("user", json("{\"name\":\"alice\"}"), "visits", json("3"))));
        SessionRecord loaded = load(key);
        assertNotNull(loaded);
        assertEquals(now, loaded.createdAt());
        assertEquals(now, loaded.lastAccessedAt());
        assertEquals(Duration.ofHours(2), loaded.idleTimeout());
        assertEquals(now.plus(Duration.ofHours(2)), loaded.expiresAt());
        assertArrayEquals(json("{\"name\":\"alice\"}"), loaded.values().get("user"));
        assertArrayEquals(json("3"), loaded.values().get("visits"));
        assertEquals(Set.of("user", "visits"), loaded.values().keySet());
    }

    @Test
    public void createdSessionKeepsDistinctTimesAndNoValues() {
        SessionKey key = newKey();
        Instant created = now.minus(Duration.ofMinutes(10));
        Instant used = now.minusMillis(1234);
        create(key, new SessionRecord(created, used, null, now.plus(Duration.ofMinutes(20)), Map.of()));
        SessionRecord loaded = load(key);
        assertNotNull(loaded);
        assertEquals(created, loaded.createdAt());
        assertEquals(used, loaded.lastAccessedAt());
        assertNull(loaded.idleTimeout(), "no idle timeout: the configured default");
        assertEquals(now.plus(Duration.ofMinutes(20)), loaded.expiresAt());
        assertEquals(Map.of(), loaded.values());
    }

    @Test
    public void createUnderAKeyInUseFailsAndKeepsTheSession() {
        SessionKey key = newKey();
        create(key, record(Map.of("owner", json("\"first\""))));
        assertRefused(() -> create(key, record(Map.of("owner", json("\"second\"")))),
                "a session created again under a key in use");
        SessionRecord kept = load(key);
        assertNotNull(kept, "the session under the key is kept");
        assertArrayEquals(json("\"first\""), kept.values().get("owner"), "and not overwritten");
    }

    @Test
    public void unknownKeyLoadsNothing() {
        create(newKey(), record(Map.of("a", json("1"))));
        assertNull(load(newKey()));
    }

    // ---- Update ----

    @Test
    public void updateAppliesPutsRemovalsAndTimes() {
        SessionKey key = newKey();
        create(key, record(Map.of("a", json("1"), "b", json("2"))));
        boolean applied = update(key, new SessionUpdate(now.plusSeconds(5), Duration.ofMinutes(5),
                now.plus(Duration.ofMinutes(10)), Map.of("c", json("3"), "a", json("10")), Set.of("b")));
        assertTrue(applied);
        SessionRecord loaded = load(key);
        assertEquals(Set.of("a", "c"), loaded.values().keySet());
        assertArrayEquals(json("10"), loaded.values().get("a"));
        assertArrayEquals(json("3"), loaded.values().get("c"));
        assertEquals(now.plusSeconds(5), loaded.lastAccessedAt());
        assertEquals(Duration.ofMinutes(5), loaded.idleTimeout());
        assertEquals(now.plus(Duration.ofMinutes(10)), loaded.expiresAt());
        assertEquals(now, loaded.createdAt());
    }

    @Test
    public void updateWithNullTimesKeepsStoredTimes() {
        SessionKey key = newKey();
        create(key, record(Map.of()));
        assertTrue(update(key, new SessionUpdate(null, null, null, Map.of("a", json("1")), Set.of())));
        SessionRecord loaded = load(key);
        assertEquals(now, loaded.lastAccessedAt());
        assertEquals(now.plus(TIME_TO_LIVE), loaded.expiresAt());
        assertNull(loaded.idleTimeout());
        assertArrayEquals(json("1"), loaded.values().get("a"));

        SessionKey timed = newKey();
        create(timed, new SessionRecord(now, now.plusSeconds(3), Duration.ofHours(2), now.plus(Duration.ofHours(2)),
                Map.of("b", json("2"))));
        assertTrue(update(timed, new SessionUpdate(null, null, null, Map.of(), Set.of("b"))));
        loaded = load(timed);
        assertEquals(now, loaded.createdAt());
        assertEquals(now.plusSeconds(3), loaded.lastAccessedAt());
        assertEquals(Duration.ofHours(2), loaded.idleTimeout());
        assertEquals(now.plus(Duration.ofHours(2)), loaded.expiresAt());
        assertEquals(Map.of(), loaded.values());
    }

    @Test
    public void updateChangesOnlyItsOwnSession() {
        SessionKey key = newKey();
        SessionKey neighbour = newKey();
        create(key, record(Map.of("a", json("1"))));
        create(neighbour, record(Map.of("a", json("2"))));
        assertTrue(update(key, new SessionUpdate(now.plusSeconds(1), Duration.ofMinutes(1), now.plusSeconds(60),
                Map.of("a", json("3"), "b", json("4")), Set.of())));
        SessionRecord other = load(neighbour);
        assertEquals(Set.of("a"), other.values().keySet());
        assertArrayEquals(json("2"), other.values().get("a"));
        assertEquals(now, other.lastAccessedAt());
        assertNull(other.idleTimeout());
        assertEquals(now.plus(TIME_TO_LIVE), other.expiresAt());
    }

    @Test
    public void updatesBuiltFromTheSameLoadBothApply() {
        // Two requests load the same session, then each saves its own changes: the second must not undo the first.
        SessionKey key = newKey();
        create(key, record(Map.of("a", json("1"), "b", json("2"), "c", json("3"), "d", json("4"))));
        SessionRecord loadedByBoth = load(key);
        assertNotNull(loadedByBoth);
        assertTrue(update(key, new SessionUpdate(now.plusSeconds(1), null, now.plusSeconds(1).plus(TIME_TO_LIVE),
                Map.of("a", json("10")), Set.of("c"))));
        assertTrue(update(key, new SessionUpdate(now.plusSeconds(2), null, now.plusSeconds(2).plus(TIME_TO_LIVE),
                Map.of("b", json("20")), Set.of("d"))));
        SessionRecord loaded = load(key);
        assertEquals(Set.of("a", "b"), loaded.values().keySet(), "a removal was undone, or a key lost");
        assertArrayEquals(json("10"), loaded.values().get("a"), "the second update undid the first one's put");
        assertArrayEquals(json("20"), loaded.values().get("b"));
        assertEquals(now.plusSeconds(2), loaded.lastAccessedAt(), "the times of the later update");
    }

    @Test
    public void updateNeverCreatesASession() {
        SessionKey key = newKey();
        assertFalse(update(key, puts(Map.of("a", json("1")))));
        assertFalse(update(key, new SessionUpdate(now, null, now.plus(TIME_TO_LIVE), Map.of(), Set.of())),
                "a touch-only update creates nothing either");
        assertNull(load(key));
        assertTrue(listAll(10).isEmpty(), "nothing listed either");
    }

    // ---- Change key ----

    @Test
    public void changeKeyMovesSessionAndKillsOldKey() {
        SessionKey from = newKey();
        SessionKey to = newKey();
        create(from, new SessionRecord(now, now.plusSeconds(2), Duration.ofHours(1), now.plus(Duration.ofHours(1)),
                Map.of("cart", json("[1]"))));
        assertTrue(await(store().changeKey(from, to)));
        assertNull(load(from));
        SessionRecord moved = load(to);
        assertNotNull(moved);
        assertArrayEquals(json("[1]"), moved.values().get("cart"));
        assertEquals(Set.of("cart"), moved.values().keySet());
        assertEquals(now, moved.createdAt());
        assertEquals(now.plusSeconds(2), moved.lastAccessedAt());
        assertEquals(Duration.ofHours(1), moved.idleTimeout());
        assertEquals(now.plus(Duration.ofHours(1)), moved.expiresAt());
        assertFalse(update(from, puts(Map.of("late", json("1")))));
        assertFalse(load(to).values().containsKey("late"));
        assertNull(load(from), "the failed update did not bring the old key back");
        assertFalse(await(store().changeKey(from, newKey())));
        assertTrue(update(to, puts(Map.of("next", json("2")))), "the new key is a session like any other");
        assertArrayEquals(json("2"), load(to).values().get("next"));
    }

    @Test
    public void changeKeyOfAnUnknownKeyMovesNothing() {
        SessionKey to = newKey();
        assertFalse(await(store().changeKey(newKey(), to)));
        assertNull(load(to));
        assertFalse(update(to, puts(Map.of("a", json("1")))));
    }

    @Test
    public void changeKeyOntoAKeyInUseFailsAndKeepsBothSessions() {
        SessionKey from = newKey();
        SessionKey to = newKey();
        create(from, record(Map.of("owner", json("\"moving\""))));
        create(to, record(Map.of("owner", json("\"resident\""))));
        assertRefused(() -> await(store().changeKey(from, to)), "a session moved onto a key in use");
        assertArrayEquals(json("\"moving\""), load(from).values().get("owner"), "the moved session stays where it was");
        assertArrayEquals(json("\"resident\""), load(to).values().get("owner"), "the session in place is kept");
        assertTrue(update(from, puts(Map.of("next", json("1")))), "and both are sessions like any other");
    }

    // ---- Delete ----

    @Test
    public void deletedSessionCannotBeUpdatedBack() {
        SessionKey key = newKey();
        create(key, record(Map.of("a", json("1"))));
        assertTrue(await(store().delete(key)));
        assertFalse(update(key, puts(Map.of("late", json("1")))));
        assertNull(load(key));
        assertFalse(await(store().delete(key)));
        assertFalse(await(store().delete(newKey())), "an unknown key deletes nothing");
    }

    @Test
    public void deleteLeavesOtherSessionsAlone() {
        SessionKey key = newKey();
        SessionKey other = newKey();
        create(key, record(Map.of("a", json("1"))));
        create(other, record(Map.of("a", json("2"))));
        assertTrue(await(store().delete(key)));
        assertNotNull(load(other), "the other session was deleted too");
        assertArrayEquals(json("2"), load(other).values().get("a"));
        assertEquals(Set.of(other), listAll(10).keySet());
    }

    @Test
    public void deleteAllDeletesEverySessionAndCountsThem() {
        assertEquals(0, await(store().deleteAll()), "createStore() must return an empty store");
        // More than a page of the default deleteAll, which lists 100 at a time: a listing whose cursor shifts when the
        // sessions listed before are deleted (an offset) leaves sessions behind and fails here.
        List<SessionKey> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            keys.add(newKey());
            create(keys.get(i), record(Map.of("i", json(Integer.toString(i)))));
        }
        SessionKey moved = newKey();
        assertTrue(await(store().changeKey(keys.get(0), moved)));
        keys.set(0, moved);

        assertEquals(150, await(store().deleteAll()), "the number of sessions deleted");
        assertTrue(listAll(10).isEmpty(), "a session is still listed after deleteAll");
        for (int i = 0; i < keys.size(); i++) {
            assertNull(load(keys.get(i)), "session " + i + " survived deleteAll");
            assertFalse(update(keys.get(i), puts(Map.of("late", json("1")))),
                    "session " + i + ": an update of a deleted session must find nothing");
        }
        assertNull(load(keys.get(0)), "the refused update brought nothing back");
        assertTrue(listAll(10).isEmpty(), "the refused updates created nothing");
        assertEquals(0, await(store().deleteAll()), "nothing left to delete");

        SessionKey later = newKey();
        create(later, record(Map.of("a", json("1"))));
        assertArrayEquals(json("1"), load(later).values().get("a"), "the store works as before after deleteAll");
    }

    // ---- List ----

    @Test
    public void listPagesThroughAllSessions() {
        assertTrue(listAll(10).isEmpty(), "createStore() must return an empty store");
        Map<SessionKey, Integer> created = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            SessionKey key = newKey();
            created.put(key, i);
            create(key, new SessionRecord(now.minusSeconds(i), now.plusMillis(i), null,
                    now.plus(TIME_TO_LIVE).plusMillis(i), Map.of("i", json(Integer.toString(i)))));
        }
        for (int limit : new int[] { 10, 1 }) {
            Map<SessionKey, SessionSummary> listed = listAll(limit);
            assertEquals(created.keySet(), listed.keySet(), "pages of " + limit + " list every session once");
            listed.forEach((key, summary) -> {
                int i = created.get(key);
                assertEquals(now.minusSeconds(i), summary.createdAt(), "session " + i);
                assertEquals(now.plusMillis(i), summary.lastAccessedAt(), "session " + i);
                assertEquals(now.plus(TIME_TO_LIVE).plusMillis(i), summary.expiresAt(), "session " + i);
                // The names of the values, not the values; and the key, the hash of the ID: no store sees an ID.
                assertEquals(Set.of("i"), summary.keys(), "session " + i);
            });
        }
    }

    @Test
    public void listSeesChanges() {
        SessionKey kept = newKey();
        SessionKey deleted = newKey();
        SessionKey from = newKey();
        SessionKey to = newKey();
        create(kept, record(Map.of("a", json("1"))));
        create(deleted, record(Map.of()));
        create(from, record(Map.of()));
        assertTrue(update(kept, new SessionUpdate(now.plusSeconds(7), null, now.plus(Duration.ofHours(1)),
                Map.of("b", json("2")), Set.of("a"))));
        assertTrue(await(store().delete(deleted)));
        assertTrue(await(store().changeKey(from, to)));

        Map<SessionKey, SessionSummary> listed = listAll(10);
        assertEquals(Set.of(kept, to), listed.keySet());
        SessionSummary summary = listed.get(kept);
        assertEquals(Set.of("b"), summary.keys());
        assertEquals(now.plusSeconds(7), summary.lastAccessedAt());
        assertEquals(now.plus(Duration.ofHours(1)), summary.expiresAt());
    }

    /**
     * Asserts that a write onto a key in use fails; how (a failed {@code Uni}, or an exception at the call) is the
     * store's business.
     */
    private static void assertRefused(Runnable write, String what) {
        assertThrows(RuntimeException.class, write::run, what + " must fail");
    }
}
