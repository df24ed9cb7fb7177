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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The contract of a store over time, and its readiness: {@code expire(now)} deletes exactly the expired sessions, or
 * the store expires them by itself ({@link #expiresByItself()}), and a working store answers its ping. Extend
 * {@link SessionStoreContractTest}, which adds the concurrent tests, rather than this class.
 */
public abstract class SessionStoreExpiryContract extends SessionStoreOperationsContract {

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

        int deleted = await(store().expire(now));
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
        assertEquals(0, await(store().expire(now)), "nothing left to expire");
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
        assertTrue(await(store().expire(Instant.now())) >= 0, "expire returns a count");

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

    // ---- Readiness ----

    @Test
    public void aWorkingStoreAnswersItsPing() {
        await(store().ping());
        SessionKey key = newKey();
        create(key, record(Map.of("a", json("1"))));
        await(store().ping());
        assertNotNull(load(key), "a ping leaves the sessions as they are");
    }
}
