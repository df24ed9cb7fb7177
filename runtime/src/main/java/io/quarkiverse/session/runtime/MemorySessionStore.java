package io.quarkiverse.session.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in the heap, bounded: when a new session would exceed the maximum, the least recently used sessions are
 * evicted first. Every operation completes before it returns, so event-loop code can use the session without waiting.
 */
public final class MemorySessionStore implements ImmediateSessionStore {

    private static final Logger LOG = Logger.getLogger(MemorySessionStore.class);
    private static final long EVICTION_WARNING_INTERVAL_MILLIS = 60_000;

    /** Each entry is its own key: no {@code SessionKey} object is kept per session. */
    private final ConcurrentHashMap<KeyWords, Entry> sessions = new ConcurrentHashMap<>();
    private final int maxSessions;
    /**
     * Sessions in the order they were created or last re-queued, for eviction. An array ring under a lock rather than a
     * concurrent linked queue: a node per session would be one more object for every young collection to copy, and a
     * flood of new visitors is exactly when the store holds many young sessions.
     */
    private final ArrayDeque<Entry> evictionOrder = new ArrayDeque<>();
    private final AtomicLong evictedSinceWarning = new AtomicLong();
    private final AtomicLong lastEvictionWarning = new AtomicLong(Long.MIN_VALUE / 2);

    public MemorySessionStore(int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be positive, got " + maxSessions);
        }
        this.maxSessions = maxSessions;
    }

    /**
     * Returns the number of sessions held, expired ones not yet swept included.
     */
    public int size() {
        return sessions.size();
    }

    @Override
    public SessionRecord loadNow(SessionKey key) {
        Entry entry = sessions.get(new KeyWords(key));
        // A session being moved to a new ID is dead for its old one a moment before it leaves the map.
        return entry == null || entry.dead ? null : entry.toRecord();
    }

    @Override
    public void createNow(SessionKey key, SessionRecord session) {
        insert(new Entry(key, session));
    }

    @Override
    public boolean updateNow(SessionKey key, SessionUpdate update) {
        Entry entry = sessions.get(new KeyWords(key));
        return entry != null && entry.apply(update);
    }

    @Override
    public boolean changeKeyNow(SessionKey from, SessionKey to) {
        Entry entry = sessions.get(new KeyWords(from));
        if (entry == null) {
            return false;
        }
        // The key is part of the entry, so the entry is copied: the copy is complete before the original dies, and an
        // update through the original after that fails, as an update of the old key must.
        Entry moved = entry.moveTo(to);
        if (moved == null || !sessions.remove(entry, entry)) {
            return false;
        }
        insert(moved);
        return true;
    }

    /**
     * Adds a session to the map and to the eviction queue, evicting the least recently used ones beyond the limit.
     */
    private void insert(Entry entry) {
        int evicted;
        synchronized (evictionOrder) {
            evictionOrder.addLast(entry);
            Entry replaced = sessions.put(entry, entry);
            if (replaced != null) {
                replaced.kill();
            }
            int excess = sessions.size() - maxSessions;
            evicted = excess > 0 ? evictLeastRecentlyUsed(excess) : 0;
        }
        if (evicted > 0) {
            warnAboutEviction(evicted);
        }
    }

    @Override
    public boolean deleteNow(SessionKey key) {
        Entry entry = sessions.remove(new KeyWords(key));
        if (entry == null) {
            return false;
        }
        entry.kill();
        return true;
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        // The cursor is a position in iteration order: good enough for browsing a live, changing set.
        int skip = cursor == null ? 0 : Integer.parseInt(cursor);
        List<SessionSummary> page = new ArrayList<>(Math.min(limit, 256));
        int position = 0;
        boolean more = false;
        for (Entry entry : sessions.values()) {
            if (position++ < skip) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            SessionRecord record = entry.toRecord();
            page.add(new SessionSummary(entry.sessionKey(), record.createdAt(), record.lastAccessedAt(),
                    record.expiresAt(), Set.copyOf(record.values().keySet())));
        }
        return Uni.createFrom().item(new SessionPage(page, more ? Integer.toString(skip + page.size()) : null));
    }

    @Override
    public Uni<Integer> expire(Instant now) {
        long nowMillis = now.toEpochMilli();
        int expired = 0;
        for (Entry entry : sessions.values()) {
            if (entry.expiresAt <= nowMillis && sessions.remove(entry, entry)) {
                entry.kill();
                expired++;
            }
        }
        // Deleted and expired sessions leave the eviction queue here rather than at each deletion, which would cost a
        // linear search every time.
        synchronized (evictionOrder) {
            evictionOrder.removeIf(entry -> entry.dead);
        }
        if (expired > 0) {
            LOG.debugf("Swept %d expired sessions", expired);
        }
        return Uni.createFrom().item(expired);
    }

    /**
     * Evicts the least recently used sessions with the CLOCK algorithm: the queue holds sessions in the order they were
     * created or last re-queued; a session used since it was queued gets a second chance at the tail, the first one
     * that was not is evicted. Constant time per eviction, so a flood of new sessions never waits for a scan.
     */
    private int evictLeastRecentlyUsed(int count) {
        int evicted = 0;
        // Bounded: every session can be re-queued at most once per pass.
        for (int polls = 0; evicted < count && polls < 2 * sessions.size() + count; polls++) {
            Entry entry = evictionOrder.pollFirst();
            if (entry == null) {
                break;
            }
            if (entry.dead) {
                continue;
            }
            long lastAccessedAt = entry.lastAccessedAt;
            if (lastAccessedAt > entry.queuedAt) {
                entry.queuedAt = lastAccessedAt;
                evictionOrder.addLast(entry);
            } else if (sessions.remove(entry, entry)) {
                entry.kill();
                evicted++;
            }
        }
        return evicted;
    }

    private void warnAboutEviction(int evicted) {
        evictedSinceWarning.addAndGet(evicted);
        long now = System.currentTimeMillis();
        long last = lastEvictionWarning.get();
        // One thread wins the right to warn per interval, and reports everything evicted since the last warning.
        if (now - last >= EVICTION_WARNING_INTERVAL_MILLIS && lastEvictionWarning.compareAndSet(last, now)) {
            LOG.warnf("The memory session store reached quarkus.session.memory.max-sessions=%d and evicted the %d "
                    + "least recently used sessions; raise the limit or use a shared store if this is not an attack",
                    maxSessions, evictedSinceWarning.getAndSet(0));
        }
    }

    /**
     * One stored session. Its values are packed into one immutable byte array ({@link PackedValues}), replaced as a
     * whole under the entry's lock, so loads read a consistent snapshot without locking, and a session is three objects
     * (map node, entry, values) whatever its number of values.
     */
    private static final class Entry extends KeyWords {

        final long createdAt;
        volatile long lastAccessedAt;
        /** The last access time when the entry was last put in the eviction queue. */
        volatile long queuedAt;
        volatile long expiresAt;
        /** Milliseconds, or 0 for the configured default. */
        volatile long idleTimeout;
        volatile byte[] values;
        /** Deleted, evicted or expired: updates through a stale reference must not bring it back. */
        private volatile boolean dead;

        Entry(SessionKey key, SessionRecord record) {
            super(key);
            this.createdAt = record.createdAt().toEpochMilli();
            this.lastAccessedAt = record.lastAccessedAt().toEpochMilli();
            this.expiresAt = record.expiresAt().toEpochMilli();
            this.idleTimeout = record.idleTimeout() == null ? 0 : record.idleTimeout().toMillis();
            this.values = PackedValues.pack(record.values());
            this.queuedAt = lastAccessedAt;
        }

        SessionRecord toRecord() {
            long idle = idleTimeout;
            return new SessionRecord(Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccessedAt),
                    idle == 0 ? null : Duration.ofMillis(idle), Instant.ofEpochMilli(expiresAt),
                    PackedValues.view(values));
        }

        synchronized boolean apply(SessionUpdate update) {
            if (dead) {
                return false;
            }
            if (update.lastAccessedAt() != null) {
                lastAccessedAt = update.lastAccessedAt().toEpochMilli();
            }
            if (update.expiresAt() != null) {
                expiresAt = update.expiresAt().toEpochMilli();
            }
            if (update.idleTimeout() != null) {
                idleTimeout = update.idleTimeout().toMillis();
            }
            if (!update.puts().isEmpty() || !update.removals().isEmpty()) {
                values = PackedValues.merge(values, update.puts(), update.removals());
            }
            return true;
        }

        private Entry(SessionKey key, Entry from) {
            super(key);
            this.createdAt = from.createdAt;
            this.lastAccessedAt = from.lastAccessedAt;
            this.queuedAt = from.queuedAt;
            this.expiresAt = from.expiresAt;
            this.idleTimeout = from.idleTimeout;
            this.values = from.values;
        }

        /**
         * Returns a copy of this session under another key and kills this one, or {@code null} if it is dead already.
         */
        synchronized Entry moveTo(SessionKey key) {
            if (dead) {
                return null;
            }
            dead = true;
            return new Entry(key, this);
        }

        synchronized void kill() {
            dead = true;
        }
    }

    /**
     * A session key as the map holds it: the four words of the hash, compared by value. Lookups use a short-lived
     * instance; stored sessions are their own key.
     */
    private static class KeyWords {

        private final long w0;
        private final long w1;
        private final long w2;
        private final long w3;

        KeyWords(SessionKey key) {
            this.w0 = key.word(0);
            this.w1 = key.word(1);
            this.w2 = key.word(2);
            this.w3 = key.word(3);
        }

        final SessionKey sessionKey() {
            return SessionKey.ofWords(w0, w1, w2, w3);
        }

        @Override
        public final boolean equals(Object other) {
            return other instanceof KeyWords key && w0 == key.w0 && w1 == key.w1 && w2 == key.w2 && w3 == key.w3;
        }

        @Override
        public final int hashCode() {
            // The bits of a cryptographic hash are uniformly distributed already.
            return (int) w0;
        }
    }
}
