package io.quarkiverse.session.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;

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
 * before every test, so every test runs against a store of its own (or at least an empty one: listing, expiry and
 * {@code deleteAll} count every session the store holds).</li>
 * <li>{@link #destroyStore(SessionStore)}, called after every test, even a failed one: closes connections, drops the
 * prefix or table, stops threads. Does nothing by default.</li>
 * <li>{@link #expiresByItself()}: {@code true} for a store that evicts sessions by itself when their
 * {@link SessionRecord#expiresAt() expiresAt} has passed (a TTL) and whose {@link SessionStore#expire expire(now)} may
 * do nothing. Such a store skips the test of {@code expire}'s count and runs a test in real time instead: sessions
 * expiring {@link #selfExpiryDelay()} from now must disappear by themselves within {@link #selfExpiryTimeout()} after
 * that, and only they. A store that expires sessions in {@code expire(now)} keeps the default, {@code false}, and runs
 * the opposite way.</li>
 * <li>{@link #indexesPrincipals()}: {@code true} by default, for a store that implements
 * {@link SessionStore#findByPrincipal}, as every server-side store should; a store that keeps no principal index
 * returns {@code false} and skips the tests of the index.</li>
 * <li>{@link #timeout()}: how long any one store operation may take before the test fails (30 seconds).</li>
 * </ul>
 * The tests only use the {@link SessionStore} interface, and each checks one part of its contract. The concurrent ones
 * start their operations together on real threads (through a barrier, no sleeps), over many rounds, with every wait
 * bounded: a store that loses concurrent updates, lets a late update bring a deleted session back (deleted alone or by
 * {@code deleteAll}), or loses an update in a key change fails them. {@code expire(now)} is judged by its argument, not
 * by the store's clock. Times are compared at millisecond precision. Values are small valid JSON documents, as the
 * extension writes them. Failure messages never show a session ID; the store never sees one anyway.
 * <p>
 * A subclass may add tests of its own, with the helpers here ({@link #store()}, {@link #newKey()}, {@link #json},
 * {@link #record}, {@link #await}...).
 */
public abstract class SessionStoreContractTest extends SessionStorePrincipalContract {

    /** How many concurrent updates, each of its own key, one session receives at once. */
    private static final int CONCURRENT_UPDATES = 32;
    /** How many sessions receive them, one after the other. */
    private static final int CONCURRENT_UPDATE_ROUNDS = 100;
    /** How many times an update races a delete, or a key change... */
    private static final int RACE_ROUNDS = 100;
    /** ...in how many sessions at once. */
    private static final int RACING_SESSIONS = 8;
    /** How many times updates race a deleteAll, which walks the whole store. */
    private static final int DELETE_ALL_ROUNDS = 20;
    /** At most how many updates, one after the other, race a delete or a key change. */
    private static final int MAX_RACING_UPDATES = 1000;

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
                    deletes.add(threads.submit(startingTogether(start, () -> await(store().delete(key)))));
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
    public void updatesRacingADeleteAllNeverResurrect() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(RACING_SESSIONS + 1);
        try {
            for (int round = 0; round < DELETE_ALL_ROUNDS; round++) {
                List<SessionKey> keys = new ArrayList<>();
                for (int i = 0; i < RACING_SESSIONS; i++) {
                    keys.add(newKey());
                    create(keys.get(i), record(Map.of("a", json("1"))));
                }
                // One deleteAll starts together with a stream of updates of every session, each of which stops at its
                // first refused update: updates are in flight whenever a session is deleted.
                CyclicBarrier start = new CyclicBarrier(RACING_SESSIONS + 1);
                List<Future<Integer>> updates = new ArrayList<>();
                for (SessionKey key : keys) {
                    updates.add(threads.submit(startingTogether(start, () -> updateUntilRefused(key))));
                }
                Future<Integer> deleteAll = threads.submit(startingTogether(start, () -> await(store().deleteAll())));
                assertEquals(RACING_SESSIONS, result(deleteAll), "round " + round + ": the number of sessions deleted");
                for (int i = 0; i < RACING_SESSIONS; i++) {
                    String race = "round " + round + ", session " + i;
                    result(updates.get(i));
                    assertNull(load(keys.get(i)), race + ": an update brought a session back after deleteAll");
                    assertFalse(update(keys.get(i), puts(Map.of("later", json("1")))), race);
                }
                assertTrue(listAll(10).isEmpty(), "round " + round + ": a session is listed after deleteAll");
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
                    changes.add(threads.submit(startingTogether(start, () -> await(store().changeKey(from, to)))));
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
                    assertTrue(await(store().delete(to)), "round " + round);
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
