package io.quarkiverse.session.runtime.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.metrics.CountsSessions;
import io.quarkiverse.session.runtime.store.ImmediateSessionStore;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in the heap, bounded: when a new session would exceed the maximum, new sessions that were not used again
 * are evicted first, then the least recently used of the others beyond their share (see {@link Segment}). Every operation
 * completes before it returns, so event-loop code can use the session without waiting.
 * The design, and the measurements behind it, are in {@code docs/modules/ROOT/pages/stores.adoc}, memory section.
 * <p>
 * Invariants: a {@link Segment} is used only under its own monitor, and no thread holds two of them at once (a moved
 * session leaves its old segment before it enters the new one; other segments are asked to evict after the inserting
 * one is released; the sweep, the listing and {@link #deleteAllNow} visit the segments one after the other). A
 * {@link #deleteAllNow} is therefore atomic per segment, not for the whole store: a session created or moved into a
 * segment already emptied survives it, and none is half deleted. Key word 1 chooses the segment and word 0 the place within it:
 * they must stay independent.
 */
public final class MemorySessionStore implements ImmediateSessionStore, CountsSessions {

    private static final Logger LOG = Logger.getLogger(MemorySessionStore.class);
    private static final long EVICTION_WARNING_INTERVAL_MILLIS = 60_000;
    private static final int MAX_SEGMENTS = 16;
    /** Fewer sessions than this per segment would split small stores for no gain and blur their eviction order. */
    private static final int MIN_SESSIONS_PER_SEGMENT = 1024;

    private final Segment[] segments;
    private final int segmentMask;
    private final int maxSessions;
    private final AtomicInteger sessionCount = new AtomicInteger();
    private final AtomicLong evictedSinceWarning = new AtomicLong();
    private final AtomicLong lastEvictionWarning = new AtomicLong(Long.MIN_VALUE / 2);
    private final PrincipalIndex principalIndex = new PrincipalIndex();

    public MemorySessionStore(int maxSessions) {
        this(maxSessions, ValueArena.MAX_LENGTH);
    }

    /** A store whose segments each hold at most {@code maxValueBytes} of packed values: a test reaches it sooner. */
    MemorySessionStore(int maxSessions, int maxValueBytes) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be positive, got " + maxSessions);
        }
        this.maxSessions = maxSessions;
        int segmentCount = Integer.highestOneBit(Math.max(1, Math.min(MAX_SEGMENTS,
                maxSessions / MIN_SESSIONS_PER_SEGMENT)));
        this.segments = new Segment[segmentCount];
        this.segmentMask = segmentCount - 1;
        int expectedPerSegment = (maxSessions + segmentCount - 1) / segmentCount;
        for (int i = 0; i < segmentCount; i++) {
            segments[i] = new Segment(expectedPerSegment, sessionCount, maxValueBytes, principalIndex);
        }
    }

    /** The most sessions this store holds: {@code quarkus.session.memory.max-sessions} when it was created. */
    int maxSessions() {
        return maxSessions;
    }

    /**
     * Returns the number of sessions held, expired ones not yet swept included.
     */
    public int size() {
        return sessionCount.get();
    }

    @Override
    public long sessionCount() {
        return sessionCount.get();
    }

    private int segmentIndex(SessionKey key) {
        // Word 0 places a session within its segment; word 1, independent of it, chooses the segment.
        return (int) key.word(1) & segmentMask;
    }

    private Segment segmentOf(SessionKey key) {
        return segments[segmentIndex(key)];
    }

    @Override
    public SessionRecord loadNow(SessionKey key) {
        Segment segment = segmentOf(key);
        synchronized (segment) {
            return segment.load(key);
        }
    }

    @Override
    public void createNow(SessionKey key, SessionRecord session) {
        long idleTimeout = session.idleTimeout() == null ? 0 : session.idleTimeout().toMillis();
        insert(key, session.createdAt().toEpochMilli(), session.lastAccessedAt().toEpochMilli(),
                session.expiresAt().toEpochMilli(), idleTimeout, PackedValues.pack(session.values()), session.principal(),
                false);
    }

    @Override
    public boolean updateNow(SessionKey key, SessionUpdate update) {
        Segment segment = segmentOf(key);
        synchronized (segment) {
            return segment.update(key, update);
        }
    }

    @Override
    public boolean changeKeyNow(SessionKey from, SessionKey to) {
        Segment source = segmentOf(from);
        long[] row = new long[Row.WORDS];
        byte[] values;
        String principal;
        synchronized (source) {
            // Gone from the old key before it exists under the new one: an update through the old key fails from here.
            principal = source.principalOf(from);
            values = source.take(from, row);
        }
        if (values == null) {
            return false;
        }
        try {
            // A regenerated session is one in use (a login, typically): it is protected from the start.
            insert(to, row[Row.CREATED], row[Row.LAST_ACCESS], row[Row.EXPIRES], row[Row.IDLE], values, principal, true);
        } catch (SessionStoreException refused) {
            // The new key is in use, or its segment has no room for the values: the session stays under its old key,
            // where it just fit.
            insert(from, row[Row.CREATED], row[Row.LAST_ACCESS], row[Row.EXPIRES], row[Row.IDLE], values, principal,
                    true);
            throw refused;
        }
        return true;
    }

    /**
     * Adds a session under a key not in use (see {@link Segment#put}), evicting others beyond the limit: from the session's own
     * segment first, from the
     * others if that one holds nothing else to evict.
     */
    private void insert(SessionKey key, long createdAt, long lastAccessedAt, long expiresAt, long idleTimeout,
            byte[] values, String principal, boolean regenerated) {
        Segment segment = segmentOf(key);
        int excess;
        int evicted;
        synchronized (segment) {
            int row = segment.put(key, createdAt, lastAccessedAt, expiresAt, idleTimeout, values, principal, regenerated);
            excess = sessionCount.get() - maxSessions;
            evicted = excess > 0 ? segment.evict(excess, row) : 0;
        }
        // The other segments are locked only now, one at a time: no thread holds two segment locks, so none deadlock.
        int home = segmentIndex(key);
        for (int i = 1; evicted < excess && i < segments.length; i++) {
            Segment other = segments[(home + i) & segmentMask];
            synchronized (other) {
                evicted += other.evict(excess - evicted, -1);
            }
        }
        if (evicted > 0) {
            warnAboutEviction(evicted);
        }
    }

    @Override
    public boolean deleteNow(SessionKey key) {
        Segment segment = segmentOf(key);
        synchronized (segment) {
            return segment.delete(key);
        }
    }

    /**
     * Empties the segments one after the other, each under its lock: a request on a deleted session finds nothing, and
     * its update creates nothing.
     */
    @Override
    public int deleteAllNow() {
        int deleted = 0;
        for (Segment segment : segments) {
            synchronized (segment) {
                deleted += segment.clear();
            }
        }
        return deleted;
    }

    /**
     * Finds the sessions of a principal through the index, then each in its segment: a session moved or unbound between
     * the two is found under its new key, or not at all, and never twice.
     */
    @Override
    public Uni<List<SessionEntry>> findByPrincipal(String principal) {
        List<SessionKey> keys = principalIndex.keysOf(principal);
        List<SessionEntry> found = new ArrayList<>(keys.size());
        for (SessionKey key : keys) {
            Segment segment = segmentOf(key);
            SessionRecord record;
            synchronized (segment) {
                record = segment.load(key, false);
            }
            if (record != null && principal.equals(record.principal())) {
                found.add(new SessionEntry(key, record));
            }
        }
        return Uni.createFrom().item(found);
    }

    /** How many principals the index holds: for tests. */
    int indexedPrincipals() {
        return principalIndex.principals();
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        // The cursor is a position (segment, row): good enough for browsing a live, changing set.
        long position = cursor == null ? 0 : Long.parseLong(cursor);
        List<SessionSummary> page = new ArrayList<>(Math.min(limit, 256));
        for (int s = (int) (position >>> 32); s < segments.length; s++) {
            int row = s == (int) (position >>> 32) ? (int) position : 0;
            synchronized (segments[s]) {
                row = segments[s].summaries(row, limit - page.size(), page);
            }
            if (row >= 0) {
                String next = Long.toString(((long) s << 32) | row);
                return Uni.createFrom().item(new SessionPage(page, next));
            }
        }
        return Uni.createFrom().item(new SessionPage(page, null));
    }

    @Override
    public Uni<Integer> expire(Instant now) {
        long nowMillis = now.toEpochMilli();
        int expired = 0;
        for (Segment segment : segments) {
            synchronized (segment) {
                expired += segment.expire(nowMillis);
            }
        }
        if (expired > 0) {
            LOG.debugf("Swept %d expired sessions", expired);
        }
        return Uni.createFrom().item(expired);
    }

    private void warnAboutEviction(int evicted) {
        evictedSinceWarning.addAndGet(evicted);
        long now = System.currentTimeMillis();
        long last = lastEvictionWarning.get();
        // One thread wins the right to warn per interval, and reports everything evicted since the last warning.
        if (now - last >= EVICTION_WARNING_INTERVAL_MILLIS && lastEvictionWarning.compareAndSet(last, now)) {
            LOG.warnf("The memory session store reached quarkus.session.memory.max-sessions=%d and evicted %d "
                    + "sessions, new ones not used again first; raise the limit or use a shared store if this is not "
                    + "an attack",
                    maxSessions, evictedSinceWarning.getAndSet(0));
        }
    }
}
