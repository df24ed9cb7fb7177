package io.quarkiverse.session.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The contract of a store's principal index: {@code findByPrincipal} finds exactly the sessions bound to a principal,
 * whatever created, bound, rebound, unbound, moved, deleted or expired them, and however many bind at once. Skipped by
 * stores that return {@code false} from {@link #indexesPrincipals()}. Extend {@link SessionStoreContractTest}, which
 * holds every test of the contract, rather than this class.
 */
public abstract class SessionStorePrincipalContract extends SessionStoreExpiryContract {

    /** How many sessions of one principal are bound at the same moment. */
    private static final int CONCURRENT_BINDINGS = 32;
    /** How many times a rebinding races a delete. */
    private static final int REBIND_RACE_ROUNDS = 20;
    /** A name with what key syntaxes give a meaning to: separators, globs, a Redis hash tag, quotes, non-ASCII. */
    private static final String AWKWARD_NAME = "ali*ce:{x}?[a] '%_\\\" ünïcødé";

    @Test
    public void findByPrincipalFindsTheSessionsBoundToIt() {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        SessionKey laptop = newKey();
        SessionKey phone = newKey();
        SessionKey bobs = newKey();
        SessionKey anonymous = newKey();
        create(laptop, bound(record(Map.of("agent", json("\"laptop\""))), "alice"));
        create(phone, bound(record(Map.of("agent", json("\"phone\""))), "alice"));
        create(bobs, bound(record(Map.of()), "bob"));
        create(anonymous, record(Map.of()));

        Map<SessionKey, SessionRecord> alices = find("alice");
        assertEquals(Set.of(laptop, phone), alices.keySet());
        SessionRecord found = alices.get(laptop);
        assertArrayEquals(json("\"laptop\""), found.values().get("agent"), "the values come with the session");
        assertEquals("alice", found.principal());
        assertEquals(now, found.createdAt());
        assertEquals(now, found.lastAccessedAt());
        assertEquals(now.plus(TIME_TO_LIVE), found.expiresAt());
        assertEquals(Set.of(bobs), find("bob").keySet());
        assertEquals(Set.of(), find("carol").keySet(), "a principal without sessions has none");
        assertEquals(Set.of(), find("ALICE").keySet(), "principal names are compared exactly");
        assertEquals("alice", load(phone).principal(), "load returns the principal");
        assertNull(load(anonymous).principal());
    }

    @Test
    public void updatesBindRebindAndUnbind() {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        SessionKey key = newKey();
        create(key, record(Map.of("a", json("1"))));
        assertTrue(update(key, rebind("alice")));
        assertEquals(Set.of(key), find("alice").keySet(), "bound by an update");
        assertEquals("alice", load(key).principal());

        assertTrue(update(key, rebind("bob")));
        assertEquals(Set.of(), find("alice").keySet(), "rebinding leaves the former principal's index");
        assertEquals(Set.of(key), find("bob").keySet());

        SessionUpdate touch = new SessionUpdate(now.plusSeconds(2), null, now.plusSeconds(2).plus(TIME_TO_LIVE),
                Map.of("b", json("2")), Set.of(), "mallory", false);
        assertTrue(update(key, touch));
        assertEquals("bob", load(key).principal(), "an update that does not rebind keeps the stored principal");
        assertEquals(Set.of(key), find("bob").keySet());
        assertEquals(Set.of(), find("mallory").keySet());

        assertTrue(update(key, rebind(null)));
        assertEquals(Set.of(), find("bob").keySet(), "unbound");
        SessionRecord unbound = load(key);
        assertNull(unbound.principal());
        assertArrayEquals(json("2"), unbound.values().get("b"), "binding changes nothing else");
    }

    @Test
    public void aKeyChangeMovesTheSessionInTheIndex() {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        SessionKey before = newKey();
        SessionKey after = newKey();
        create(before, bound(record(Map.of()), "alice"));
        assertTrue(await(store().changeKey(before, after)));
        assertEquals(Set.of(after), find("alice").keySet());
        assertEquals("alice", load(after).principal(), "the principal moves with the session");
        assertTrue(update(after, rebind(null)));
        assertEquals(Set.of(), find("alice").keySet(), "the index follows the moved session");
    }

    @Test
    public void deletedSessionsAreNotFound() {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        SessionKey deleted = newKey();
        SessionKey kept = newKey();
        create(deleted, bound(record(Map.of()), "alice"));
        create(kept, bound(record(Map.of()), "alice"));
        assertTrue(await(store().delete(deleted)));
        assertEquals(Set.of(kept), find("alice").keySet());
        assertEquals(1, await(store().deleteAll()));
        assertEquals(Set.of(), find("alice").keySet(), "deleteAll empties the index");
        assertTrue(!update(kept, rebind("alice")), "an update never creates a session, a rebinding neither");
        assertEquals(Set.of(), find("alice").keySet(), "a refused rebinding leaves nothing in the index");
    }

    @Test
    public void awkwardPrincipalNamesAreKeptApart() {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        SessionKey awkward = newKey();
        SessionKey plain = newKey();
        create(awkward, bound(record(Map.of()), AWKWARD_NAME));
        create(plain, bound(record(Map.of()), "alice"));
        assertEquals(Set.of(awkward), find(AWKWARD_NAME).keySet());
        assertEquals(AWKWARD_NAME, load(awkward).principal());
        assertEquals(Set.of(), find("ali*").keySet(), "no pattern matching");
        assertEquals(Set.of(), find("ali%").keySet(), "no pattern matching");
    }

    @Test
    public void expiredSessionsLeaveTheIndex() {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        assumeFalse(expiresByItself(), "the store expires sessions by itself: see selfExpiredSessionsLeaveTheIndex");
        SessionKey expired = newKey();
        SessionKey alive = newKey();
        create(expired, bound(new SessionRecord(now, now, null, now.minusSeconds(1), Map.of()), "alice"));
        create(alive, bound(record(Map.of()), "alice"));
        assertEquals(1, await(store().expire(now)));
        assertEquals(Set.of(alive), find("alice").keySet());
    }

    @Test
    public void selfExpiredSessionsLeaveTheIndex() throws InterruptedException {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        assumeTrue(expiresByItself(), "the store expires sessions in expire(now): see expiredSessionsLeaveTheIndex");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionKey expiring = newKey();
        SessionKey extended = newKey();
        create(expiring, bound(new SessionRecord(start, start, null, start.plus(selfExpiryDelay()), Map.of()), "alice"));
        create(extended, bound(new SessionRecord(start, start, null, start.plus(selfExpiryDelay()), Map.of()), "alice"));
        assumeTrue(update(extended, new SessionUpdate(start, null, start.plus(TIME_TO_LIVE), Map.of(), Set.of(), "alice",
                false)), "the test ran too slowly to extend a session before its deadline: raise selfExpiryDelay()");
        Instant giveUp = start.plus(selfExpiryDelay()).plus(selfExpiryTimeout());
        while (load(expiring) != null) {
            if (Instant.now().isAfter(giveUp)) {
                fail("a session is still there " + selfExpiryTimeout() + " after its deadline");
            }
            Thread.sleep(20);
        }
        assertEquals(Set.of(extended), find("alice").keySet(),
                "an evicted session is not found; one whose deadline an update moved is");
    }

    @Test
    public void concurrentBindingsOfOnePrincipalAreAllFound() throws Exception {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        List<SessionKey> unbound = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_BINDINGS; i++) {
            SessionKey key = newKey();
            create(key, record(Map.of()));
            unbound.add(key);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2 * CONCURRENT_BINDINGS);
        try {
            CyclicBarrier start = new CyclicBarrier(2 * CONCURRENT_BINDINGS);
            List<Future<SessionKey>> bindings = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_BINDINGS; i++) {
                SessionKey existing = unbound.get(i);
                bindings.add(threads.submit(together(start, () -> {
                    assertTrue(update(existing, rebind("alice")));
                    return existing;
                })));
                bindings.add(threads.submit(together(start, () -> {
                    SessionKey created = newKey();
                    create(created, bound(record(Map.of()), "alice"));
                    return created;
                })));
            }
            Set<SessionKey> expected = new HashSet<>();
            for (Future<SessionKey> binding : bindings) {
                expected.add(binding.get(timeout().toMillis(), TimeUnit.MILLISECONDS));
            }
            assertEquals(expected, find("alice").keySet(), "concurrent logins of one user were missed");
        } finally {
            shutDown(threads);
        }
    }

    @Test
    public void rebindingsRacingDeletesLeaveNoEntry() throws Exception {
        assumeTrue(indexesPrincipals(), "the store keeps no principal index");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < REBIND_RACE_ROUNDS; round++) {
                SessionKey key = newKey();
                create(key, bound(record(Map.of()), "alice"));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> rebinding = threads.submit(together(start, () -> update(key, rebind("bob"))));
                Future<Boolean> deleting = threads.submit(together(start, () -> await(store().delete(key))));
                rebinding.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
                assertTrue(deleting.get(timeout().toMillis(), TimeUnit.MILLISECONDS), "round " + round);
                assertNull(load(key), "round " + round + ": a rebinding brought a deleted session back");
                assertEquals(Set.of(), find("alice").keySet(), "round " + round);
                assertEquals(Set.of(), find("bob").keySet(), "round " + round + ": a deleted session is found");
            }
        } finally {
            shutDown(threads);
        }
    }

    // ---- Helpers ----

    /**
     * Finds the sessions of a principal, checking that none comes twice and that each is bound to it.
     */
    protected Map<SessionKey, SessionRecord> find(String principal) {
        List<SessionEntry> entries = await(store().findByPrincipal(principal));
        Map<SessionKey, SessionRecord> found = new HashMap<>();
        for (SessionEntry entry : entries) {
            assertNull(found.put(entry.key(), entry.record()), "a session is found twice");
            assertEquals(principal, entry.record().principal(), "a session found is bound to another principal");
        }
        return found;
    }

    /**
     * Returns the same session, bound to a principal.
     */
    protected static SessionRecord bound(SessionRecord record, String principal) {
        return new SessionRecord(record.createdAt(), record.lastAccessedAt(), record.idleTimeout(), record.expiresAt(),
                record.values(), principal);
    }

    /**
     * Returns the update of a request one second after {@link #now} that binds the session to a principal, or unbinds it
     * for {@code null}.
     */
    protected SessionUpdate rebind(String principal) {
        return new SessionUpdate(now.plusSeconds(1), null, now.plusSeconds(1).plus(TIME_TO_LIVE), Map.of(), Set.of(),
                principal, true);
    }

    private static <T> Callable<T> together(CyclicBarrier start, Callable<T> operation) {
        return () -> {
            start.await(30, TimeUnit.SECONDS);
            return operation.call();
        };
    }

    private static void shutDown(ExecutorService threads) throws InterruptedException {
        threads.shutdownNow();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError("store operations still running 10 seconds after the test");
        }
    }
}
