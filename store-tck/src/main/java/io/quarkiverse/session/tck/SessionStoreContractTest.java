package io.quarkiverse.session.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * The contract of the {@link SessionStore} SPI, as a JUnit 5 test to extend: a store passes it when its own test,
 * a subclass of this one, is green.
 * <p>
 * To test a store (a Redis or PostgreSQL store, or an application's own), add
 * {@code io.quarkiverse.session:quarkus-session-store-tck} to the test scope and extend this class:
 *
 * <pre>
 * class RedisSessionStoreTckTest extends SessionStoreContractTest {
 *
 *     &#64;Override
 *     protected SessionStore createStore() {
 *         // A new key prefix for every test: every test starts with an empty store.
 *         return new RedisSessionStore(redis, "tck-" + UUID.randomUUID() + ":");
 *     }
 *
 *     &#64;Override
 *     protected boolean expiresByItself() {
 *         // Redis evicts keys by their TTL; expire(now) does nothing.
 *         return true;
 *     }
 * }
 * </pre>
 * <p>
 * The extension API, all {@code protected}:
 * <ul>
 * <li>{@link #createStore()}, the only method to implement: returns the store under test, <em>empty</em>. It is called
 * before every test, so every test runs against a store of its own (or at least an empty one: listing and expiry count
 * every session the store holds).</li>
 * <li>{@link #destroyStore(SessionStore)}, called after every test, even a failed one: closes connections, drops the
 * prefix or table, stops threads. Does nothing by default.</li>
 * <li>{@link #expiresByItself()}: {@code true} for a store that evicts sessions by itself when their
 * {@link SessionRecord#expiresAt() expiresAt} has passed (a TTL) and whose {@link SessionStore#expire expire(now)} may
 * do nothing. Such a store skips the test of {@code expire}'s count and runs a test in real time instead: sessions
 * expiring {@link #selfExpiryDelay()} from now must disappear by themselves within {@link #selfExpiryTimeout()} after
 * that, and only they. A store that expires sessions in {@code expire(now)} keeps the default, {@code false}, and runs
 * the opposite way.</li>
 * <li>{@link #timeout()}: how long any one store operation may take before the test fails (30 seconds).</li>
 * </ul>
 * The tests only use the {@link SessionStore} interface, and each checks one part of its contract. The concurrent ones
 * start their operations together on real threads (through a barrier, no sleeps), over many rounds, with every wait
 * bounded: a store that loses concurrent updates, lets a late update bring a deleted session back, or loses an update
 * in a key change fails them. {@code expire(now)} is judged by its argument, not by the store's clock. Times are
 * compared at millisecond precision. Values are small valid JSON documents, as the extension writes them. Failure
 * messages never show a session ID; the store never sees one anyway.
 * <p>
 * A subclass may add tests of its own, with the helpers here ({@link #store()}, {@link #newKey()}, {@link #json},
 * {@link #record}, {@link #await}...).
 */
public abstract class SessionStoreContractTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How many concurrent updates, each of its own key, one session receives at once. */
    private static final int CONCURRENT_UPDATES = 32;
    /** How many sessions receive them, one after the other. */
    private static final int CONCURRENT_UPDATE_ROUNDS = 100;
    /** How many times an update races a delete, or a key change... */
    private static final int RACE_ROUNDS = 100;
    /** ...in how many sessions at once. */
    private static final int RACING_SESSIONS = 8;
    /** At most how many updates, one after the other, race a delete or a key change. */
    private static final int MAX_RACING_UPDATES = 1000;
    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(30);

    private SessionStore store;

    /**
     * The time at which the current test started, truncated to milliseconds: the sessions the tests create are used
     * {@code now} and expire 30 minutes later, unless a test says otherwise.
     */
    protected Instant now;

    /**
     * Returns a new store to test, holding no session. Called before every test.
     */
    protected abstract SessionStore createStore() throws Exception;

    /**
     * Releases the store made by {@link #createStore()}. Called after every test, passed or failed; does nothing by
     * default.
     */
    protected void destroyStore(SessionStore store) throws Exception {
    }

    /**
     * Returns {@code true} if the store evicts expired sessions by itself (a TTL, as Redis does) rather than in
     * {@link SessionStore#expire(Instant)}. Such a store's expiry is tested in real time, with sessions that expire
     * {@link #selfExpiryDelay()} after the test starts.
     */
    protected boolean expiresByItself() {
        return false;
    }

    /**
     * How far in the future the sessions of the real-time expiry test expire, for stores that
     * {@link #expiresByItself() expire by themselves}: 1 second by default. A store with a coarser TTL returns more.
     */
    protected Duration selfExpiryDelay() {
        return Duration.ofSeconds(1);
    }

    /**
     * How long after their deadline expired sessions may still be found, for stores that {@link #expiresByItself()
     * expire by themselves}: 10 seconds by default.
     */
    protected Duration selfExpiryTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * How long a single store operation may take before the test fails: 30 seconds by default.
     */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * Runs before every test: sets {@link #now} and creates the store with {@link #createStore()}.
     */
    @BeforeEach
    protected final void createStoreUnderTest() throws Exception {
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store = createStore();
        assertNotNull(store, "createStore() returned null");
    }

    /**
     * Runs after every test: releases the store with {@link #destroyStore(SessionStore)}.
     */
    @AfterEach
    protected final void destroyStoreUnderTest() throws Exception {
        if (store != null) {
            destroyStore(store);
        }
    }

    // ---- Helpers, for subclasses too ----

    /**
     * Returns the store of the current test.
     */
    protected final SessionStore store() {
        return store;
    }

    /**
     * Returns the key of a new random session ID.
     */
    protected static SessionKey newKey() {
        return SessionKey.ofSessionId(newSessionId());
    }

    /**
     * Returns a new random session ID, never shown in a failure message.
     */
    protected static String newSessionId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Encodes a JSON document as a store holds it.
     */
    protected static byte[] json(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns a session created and used {@link #now}, with the default idle timeout, expiring 30 minutes later.
     */
    protected SessionRecord record(Map<String, byte[]> values) {
        return new SessionRecord(now, now, null, now.plus(TIME_TO_LIVE), values);
    }

    /**
     * Returns the update of a request one second after {@link #now} that sets these values.
     */
    protected SessionUpdate puts(Map<String, byte[]> puts) {
        return new SessionUpdate(now.plusSeconds(1), null, now.plusSeconds(1).plus(TIME_TO_LIVE), puts, Set.of());
    }

    /**
     * Waits for a store operation, at most {@link #timeout()}.
     */
    protected <T> T await(Uni<T> operation) {
        return operation.await().atMost(timeout());
    }

    protected SessionRecord load(SessionKey key) {
        return await(store.load(key));
    }

    protected void create(SessionKey key, SessionRecord session) {
        await(store.create(key, session));
    }

    protected boolean update(SessionKey key, SessionUpdate update) {
        return await(store.update(key, update));
    }

    /**
     * Lists every session of the store, following the cursors with this page size, and checks that no session comes
     * twice and that no page holds more than {@code limit} sessions.
     */
    protected Map<SessionKey, SessionSummary> listAll(int limit) {
        Map<SessionKey, SessionSummary> listed = new HashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            SessionPage page = await(store.list(cursor, limit));
            assertNotNull(page, "list returned a null page");
            pages++;
            assertTrue(page.sessions().size() <= limit,
                    "page " + pages + " holds " + page.sessions().size() + " sessions, more than the limit " + limit);
            for (SessionSummary summary : page.sessions()) {
                assertNull(listed.put(summary.key(), summary), "page " + pages + " lists again a session already listed");
            }
            cursor = page.nextCursor();
        } while (cursor != null && pages < 1_000);
        assertNull(cursor, "the listing still has a next cursor after 1000 pages");
        return listed;
    }

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
        assertTrue(await(store.changeKey(from, to)));
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
        assertFalse(await(store.changeKey(from, newKey())));
        assertTrue(update(to, puts(Map.of("next", json("2")))), "the new key is a session like any other");
        assertArrayEquals(json("2"), load(to).values().get("next"));
    }

    @Test
    public void changeKeyOfAnUnknownKeyMovesNothing() {
        SessionKey to = newKey();
        assertFalse(await(store.changeKey(newKey(), to)));
        assertNull(load(to));
        assertFalse(update(to, puts(Map.of("a", json("1")))));
    }

    // ---- Delete ----

    @Test
    public void deletedSessionCannotBeUpdatedBack() {
        SessionKey key = newKey();
        create(key, record(Map.of("a", json("1"))));
        assertTrue(await(store.delete(key)));
        assertFalse(update(key, puts(Map.of("late", json("1")))));
        assertNull(load(key));
        assertFalse(await(store.delete(key)));
        assertFalse(await(store.delete(newKey())), "an unknown key deletes nothing");
    }

    @Test
    public void deleteLeavesOtherSessionsAlone() {
        SessionKey key = newKey();
        SessionKey other = newKey();
        create(key, record(Map.of("a", json("1"))));
        create(other, record(Map.of("a", json("2"))));
        assertTrue(await(store.delete(key)));
        assertNotNull(load(other), "the other session was deleted too");
        assertArrayEquals(json("2"), load(other).values().get("a"));
        assertEquals(Set.of(other), listAll(10).keySet());
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
        assertTrue(await(store.delete(deleted)));
        assertTrue(await(store.changeKey(from, to)));

        Map<SessionKey, SessionSummary> listed = listAll(10);
        assertEquals(Set.of(kept, to), listed.keySet());
        SessionSummary summary = listed.get(kept);
        assertEquals(Set.of("b"), summary.keys());
        assertEquals(now.plusSeconds(7), summary.lastAccessedAt());
        assertEquals(now.plus(Duration.ofHours(1)), summary.expiresAt());
    }

    // ---- Expiry ----

    @Test
    public void expireDeletesOnlyExpiredSessions() {
        assumeFalse(expiresByItself(), "the store expires sessions by itself: see expiredSessionsDisappearByThemselves");
        SessionKey expired = newKey();
        SessionKey atDeadline = newKey();
        SessionKey shortened = newKey();
        SessionKey alive = newKey();
        SessionKey barelyAlive = newKey();
        SessionKey touched = newKey();
        create(expired, new SessionRecord(now, now, null, now.minusSeconds(1), Map.of()));
        create(atDeadline, new SessionRecord(now, now, null, now, Map.of()));
        create(shortened, record(Map.of()));
        assertTrue(update(shortened, new SessionUpdate(null, null, now.minusMillis(1), Map.of(), Set.of())));
        create(alive, record(Map.of("a", json("1"))));
        create(barelyAlive, new SessionRecord(now, now, null, now.plusMillis(1), Map.of()));
        create(touched, record(Map.of()));
        assertTrue(update(touched, new SessionUpdate(null, null, null, Map.of("b", json("2")), Set.of())));

        int deleted = await(store.expire(now));
        assertEquals(3, deleted, "expired before now, at now (expired, as SessionRecord.isExpiredAt says), "
                + "and expired by an update's deadline");
        assertNull(load(expired));
        assertNull(load(atDeadline));
        assertNull(load(shortened), "expiry follows the deadline of the last update");
        assertArrayEquals(json("1"), load(alive).values().get("a"));
        assertNotNull(load(barelyAlive), "expire(now) goes by its argument");
        assertNotNull(load(touched), "an update without a deadline keeps the stored one");
        assertFalse(update(expired, puts(Map.of("late", json("1")))), "an expired and deleted session stays deleted");
        assertNull(load(expired));
        assertEquals(Set.of(alive, barelyAlive, touched), listAll(10).keySet());
        assertEquals(0, await(store.expire(now)), "nothing left to expire");
    }

    @Test
    public void expiredSessionsDisappearByThemselves() throws InterruptedException {
        assumeTrue(expiresByItself(), "the store expires sessions in expire(now): see expireDeletesOnlyExpiredSessions");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant deadline = start.plus(selfExpiryDelay());
        Instant later = start.plus(TIME_TO_LIVE);
        SessionKey expiring = newKey();
        SessionKey touched = newKey();
        SessionKey extended = newKey();
        SessionKey alreadyExpired = newKey();
        SessionKey alive = newKey();
        create(expiring, new SessionRecord(start, start, null, deadline, Map.of("a", json("1"))));
        create(touched, new SessionRecord(start, start, null, deadline, Map.of()));
        create(extended, new SessionRecord(start, start, null, deadline, Map.of()));
        create(alreadyExpired, new SessionRecord(start, start, null, start.minusSeconds(1), Map.of()));
        create(alive, new SessionRecord(start, start, null, later, Map.of("a", json("2"))));

        // Before the deadline: an update with no new deadline keeps the old one, an update with one moves it.
        boolean touchApplied = update(touched, new SessionUpdate(null, null, null, Map.of("b", json("3")), Set.of()));
        boolean extendApplied = update(extended, new SessionUpdate(start, null, later, Map.of(), Set.of()));
        SessionRecord beforeDeadline = load(expiring);
        if (Instant.now().isBefore(deadline)) {
            assertNotNull(beforeDeadline, "a session disappeared before its deadline");
            assertTrue(touchApplied, "a session disappeared before its deadline");
            assertTrue(extendApplied, "a session disappeared before its deadline");
        }
        assumeTrue(extendApplied, "the test ran too slowly to extend a session before its deadline: "
                + "raise selfExpiryDelay()");
        assertTrue(await(store.expire(Instant.now())) >= 0, "expire returns a count");

        Instant giveUp = deadline.plus(selfExpiryTimeout());
        Set<SessionKey> remaining = new HashSet<>(Set.of(expiring, touched, alreadyExpired));
        while (!remaining.isEmpty()) {
            remaining.removeIf(key -> load(key) == null);
            if (!remaining.isEmpty()) {
                if (Instant.now().isAfter(giveUp)) {
                    fail(remaining.size() + " expired sessions are still there " + selfExpiryTimeout()
                            + " after their deadline");
                }
                Thread.sleep(20);
            }
        }
        assertArrayEquals(json("2"), load(alive).values().get("a"), "a session that has not expired stays");
        assertNotNull(load(extended), "a session whose deadline an update moved stays");
        assertFalse(update(expiring, puts(Map.of("late", json("1")))), "an update does not bring an expired session back");
        assertNull(load(expiring));
        assertEquals(Set.of(alive, extended), listAll(10).keySet());
    }

    // ---- Concurrency ----

    @Test
    public void concurrentUpdatesOfDifferentKeysAllSurvive() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_UPDATES);
        try {
            for (int round = 0; round < CONCURRENT_UPDATE_ROUNDS; round++) {
                SessionKey key = newKey();
                create(key, record(Map.of("kept", json("true"))));
                CyclicBarrier start = new CyclicBarrier(CONCURRENT_UPDATES);
                List<Future<Boolean>> updates = new ArrayList<>();
                for (int i = 0; i < CONCURRENT_UPDATES; i++) {
                    int n = i;
                    // Each update its own time, and the deadline that goes with it.
                    Instant usedAt = now.plusSeconds(1).plusMillis(n);
                    SessionUpdate update = new SessionUpdate(usedAt, null, usedAt.plus(TIME_TO_LIVE),
                            Map.of("k" + n, json(Integer.toString(n))), Set.of());
                    updates.add(threads.submit(startingTogether(start, () -> update(key, update))));
                }
                for (int i = 0; i < CONCURRENT_UPDATES; i++) {
                    assertTrue(result(updates.get(i)), "round " + round + ": update " + i + " found no session");
                }
                SessionRecord loaded = load(key);
                assertEquals(CONCURRENT_UPDATES + 1, loaded.values().size(),
                        "round " + round + ": concurrent updates of different keys were lost");
                for (int i = 0; i < CONCURRENT_UPDATES; i++) {
                    assertArrayEquals(json(Integer.toString(i)), loaded.values().get("k" + i), "round " + round);
                }
                assertArrayEquals(json("true"), loaded.values().get("kept"), "round " + round);
                long lastUpdate = Duration.between(now.plusSeconds(1), loaded.lastAccessedAt()).toMillis();
                assertTrue(lastUpdate >= 0 && lastUpdate < CONCURRENT_UPDATES,
                        "round " + round + ": the last access is one of the updates'");
                assertEquals(loaded.lastAccessedAt().plus(TIME_TO_LIVE), loaded.expiresAt(),
                        "round " + round + ": the times come from one update, applied whole");
            }
        } finally {
            shutDown(threads);
        }
    }

    @Test
    public void updatesRacingADeleteNeverResurrect() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * RACING_SESSIONS);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                List<SessionKey> keys = new ArrayList<>();
                for (int i = 0; i < RACING_SESSIONS; i++) {
                    keys.add(newKey());
                    create(keys.get(i), record(Map.of("a", json("1"))));
                }
                // Each session's delete starts together with a stream of updates, which stops at the first that
                // fails: some update is in flight whenever the delete happens.
                CyclicBarrier start = new CyclicBarrier(2 * RACING_SESSIONS);
                List<Future<Integer>> updates = new ArrayList<>();
                List<Future<Boolean>> deletes = new ArrayList<>();
                for (SessionKey key : keys) {
                    updates.add(threads.submit(startingTogether(start, () -> updateUntilRefused(key))));
                    deletes.add(threads.submit(startingTogether(start, () -> await(store.delete(key)))));
                }
                for (int i = 0; i < RACING_SESSIONS; i++) {
                    String race = "round " + round + ", session " + i;
                    SessionKey key = keys.get(i);
                    assertTrue(result(deletes.get(i)), race + ": the delete found no session");
                    // The updates that succeeded ran before the delete, the one that failed after it.
                    result(updates.get(i));
                    assertNull(load(key), race + ": an update brought the deleted session back");
                    assertFalse(update(key, puts(Map.of("later", json("1")))), race);
                    assertNull(load(key), race);
                }
                assertTrue(listAll(10).isEmpty(), "round " + round + ": a deleted session is listed");
            }
        } finally {
            shutDown(threads);
        }
    }

    @Test
    public void updatesRacingAChangeKeyAreMovedOrRefused() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * RACING_SESSIONS);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                List<SessionKey> froms = new ArrayList<>();
                List<SessionKey> tos = new ArrayList<>();
                for (int i = 0; i < RACING_SESSIONS; i++) {
                    froms.add(newKey());
                    tos.add(newKey());
                    create(froms.get(i), record(Map.of("a", json("1"))));
                }
                // Each session's key change starts together with a stream of updates of the old key, which stops at
                // the first that fails: some update is in flight whenever the move happens.
                CyclicBarrier start = new CyclicBarrier(2 * RACING_SESSIONS);
                List<Future<Integer>> updates = new ArrayList<>();
                List<Future<Boolean>> changes = new ArrayList<>();
                for (int i = 0; i < RACING_SESSIONS; i++) {
                    SessionKey from = froms.get(i);
                    SessionKey to = tos.get(i);
                    updates.add(threads.submit(startingTogether(start, () -> updateUntilRefused(from))));
                    changes.add(threads.submit(startingTogether(start, () -> await(store.changeKey(from, to)))));
                }
                for (int i = 0; i < RACING_SESSIONS; i++) {
                    String race = "round " + round + ", session " + i;
                    SessionKey from = froms.get(i);
                    assertTrue(result(changes.get(i)), race + ": the key change found no session");
                    int lastApplied = result(updates.get(i));
                    assertNull(load(from), race + ": an update brought the old key back");
                    SessionRecord loaded = load(tos.get(i));
                    assertNotNull(loaded, race + ": the session is lost");
                    assertArrayEquals(json("1"), loaded.values().get("a"), race);
                    if (lastApplied >= 0) {
                        // The updates that succeeded ran before the move, so the move took their changes along.
                        assertArrayEquals(json(Integer.toString(lastApplied)), loaded.values().get("n"),
                                race + ": the key change lost an update that succeeded");
                    } else {
                        assertFalse(loaded.values().containsKey("n"), race + ": an update that failed was applied");
                    }
                    assertFalse(update(from, puts(Map.of("later", json("1")))), race);
                }
                assertEquals(Set.copyOf(tos), listAll(10).keySet(), "round " + round + ": only the new keys are listed");
                // Done with this round: a bounded store need not hold every round's sessions.
                for (SessionKey to : tos) {
                    assertTrue(await(store.delete(to)), "round " + round);
                }
            }
        } finally {
            shutDown(threads);
        }
    }

    /**
     * Updates a session again and again, setting {@code "n"} to 0, 1, 2..., until an update finds no session (or
     * {@link #MAX_RACING_UPDATES} have succeeded); returns the last {@code n} applied, {@code -1} if none.
     */
    private int updateUntilRefused(SessionKey key) {
        int lastApplied = -1;
        for (int n = 0; n < MAX_RACING_UPDATES && update(key, puts(Map.of("n", json(Integer.toString(n))))); n++) {
            lastApplied = n;
        }
        return lastApplied;
    }

    /**
     * Wraps an operation so that it waits for the others of its barrier, at most {@link #timeout()}, before it starts.
     */
    private <T> Callable<T> startingTogether(CyclicBarrier start, Callable<T> operation) {
        return () -> {
            start.await(timeout().toMillis(), TimeUnit.MILLISECONDS);
            return operation.call();
        };
    }

    private <T> T result(Future<T> future) throws InterruptedException, TimeoutException {
        try {
            // The barrier's wait, then the operation's.
            return future.get(timeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new AssertionError("a concurrent store operation failed", e.getCause());
        }
    }

    private static void shutDown(ExecutorService threads) throws InterruptedException {
        threads.shutdownNow();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError("store operations still running 10 seconds after the test");
        }
    }
}
