package io.quarkiverse.session.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in the heap, bounded: when a new session would exceed the maximum, the least recently used sessions are
 * evicted first. Every operation completes before it returns, so event-loop code can use the session without waiting.
 */
public final class MemorySessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(MemorySessionStore.class);
    private static final Uni<Boolean> TRUE = Uni.createFrom().item(true);
    private static final Uni<Boolean> FALSE = Uni.createFrom().item(false);
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();
    private static final Uni<SessionRecord> ABSENT = Uni.createFrom().nullItem();
    private static final long EVICTION_WARNING_INTERVAL_MILLIS = 60_000;

    private final ConcurrentHashMap<SessionKey, Entry> sessions = new ConcurrentHashMap<>();
    private final int maxSessions;
    private final ConcurrentLinkedQueue<Entry> evictionOrder = new ConcurrentLinkedQueue<>();
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
    public Uni<SessionRecord> load(SessionKey key) {
        Entry entry = sessions.get(key);
        if (entry == null) {
            return ABSENT;
        }
        SessionRecord record = entry.toRecord();
        return record == null ? ABSENT : Uni.createFrom().item(record);
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        Entry entry = new Entry(key, session);
        evictionOrder.add(entry);
        sessions.put(key, entry);
        int excess = sessions.size() - maxSessions;
        if (excess > 0) {
            evictLeastRecentlyUsed(excess);
        }
        return DONE;
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        Entry entry = sessions.get(key);
        return entry != null && entry.apply(update) ? TRUE : FALSE;
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        Entry entry = sessions.remove(from);
        if (entry == null) {
            return FALSE;
        }
        entry.key = to;
        sessions.put(to, entry);
        return TRUE;
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        Entry entry = sessions.remove(key);
        if (entry == null) {
            return FALSE;
        }
        entry.kill();
        return TRUE;
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        // The cursor is a position in iteration order: good enough for browsing a live, changing set.
        int skip = cursor == null ? 0 : Integer.parseInt(cursor);
        List<SessionSummary> page = new ArrayList<>(Math.min(limit, 256));
        int position = 0;
        boolean more = false;
        for (Map.Entry<SessionKey, Entry> session : sessions.entrySet()) {
            if (position++ < skip) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            SessionRecord record = session.getValue().toRecord();
            if (record != null) {
                page.add(new SessionSummary(session.getKey(), record.createdAt(), record.lastAccessedAt(),
                        record.expiresAt(), Set.copyOf(record.values().keySet())));
            }
        }
        return Uni.createFrom().item(new SessionPage(page, more ? Integer.toString(skip + page.size()) : null));
    }

    @Override
    public Uni<Integer> expire(Instant now) {
        long nowMillis = now.toEpochMilli();
        int expired = 0;
        for (Map.Entry<SessionKey, Entry> session : sessions.entrySet()) {
            Entry entry = session.getValue();
            if (entry.expiresAt <= nowMillis && sessions.remove(session.getKey(), entry)) {
                entry.kill();
                expired++;
            }
        }
        // Deleted and expired sessions leave the eviction queue here rather than at each deletion, which would cost a
        // linear search every time.
        evictionOrder.removeIf(entry -> entry.dead);
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
    private void evictLeastRecentlyUsed(int count) {
        int evicted = 0;
        // Bounded: every session can be re-queued at most once per pass.
        for (int polls = 0; evicted < count && polls < 2 * sessions.size() + count; polls++) {
            Entry entry = evictionOrder.poll();
            if (entry == null) {
                break;
            }
            if (entry.dead) {
                continue;
            }
            long lastAccessedAt = entry.lastAccessedAt;
            if (lastAccessedAt > entry.queuedAt) {
                entry.queuedAt = lastAccessedAt;
                evictionOrder.add(entry);
            } else if (sessions.remove(entry.key, entry)) {
                entry.kill();
                evicted++;
            }
        }
        if (evicted > 0) {
            warnAboutEviction(evicted);
        }
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
     * One stored session. Values are an immutable array of alternating keys and JSON values, replaced as a whole under
     * the entry's lock, so loads read a consistent snapshot without locking.
     */
    private static final class Entry {

        private static final Object[] NO_VALUES = new Object[0];

        /** Changes when the session is regenerated. */
        volatile SessionKey key;
        final long createdAt;
        volatile long lastAccessedAt;
        /** The last access time when the entry was last put in the eviction queue. */
        volatile long queuedAt;
        volatile long expiresAt;
        /** Milliseconds, or 0 for the configured default. */
        volatile long idleTimeout;
        volatile Object[] values;
        /** Deleted, evicted or expired: updates through a stale reference must not bring it back. */
        private volatile boolean dead;

        Entry(SessionKey key, SessionRecord record) {
            this.key = key;
            this.createdAt = record.createdAt().toEpochMilli();
            this.lastAccessedAt = record.lastAccessedAt().toEpochMilli();
            this.expiresAt = record.expiresAt().toEpochMilli();
            this.idleTimeout = record.idleTimeout() == null ? 0 : record.idleTimeout().toMillis();
            this.values = toArray(record.values());
            this.queuedAt = lastAccessedAt;
        }

        SessionRecord toRecord() {
            long idle = idleTimeout;
            Object[] snapshot = values;
            return new SessionRecord(Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccessedAt),
                    idle == 0 ? null : Duration.ofMillis(idle), Instant.ofEpochMilli(expiresAt),
                    new PairArrayMap(snapshot));
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
                values = merge(values, update.puts(), update.removals());
            }
            return true;
        }

        synchronized void kill() {
            dead = true;
        }

        private static Object[] toArray(Map<String, byte[]> values) {
            if (values.isEmpty()) {
                return NO_VALUES;
            }
            Object[] pairs = new Object[values.size() * 2];
            int i = 0;
            for (Map.Entry<String, byte[]> value : values.entrySet()) {
                pairs[i++] = value.getKey();
                pairs[i++] = value.getValue();
            }
            return pairs;
        }

        private static Object[] merge(Object[] current, Map<String, byte[]> puts, Set<String> removals) {
            List<Object> merged = new ArrayList<>(current.length + puts.size() * 2);
            for (int i = 0; i < current.length; i += 2) {
                String key = (String) current[i];
                if (!removals.contains(key) && !puts.containsKey(key)) {
                    merged.add(key);
                    merged.add(current[i + 1]);
                }
            }
            for (Map.Entry<String, byte[]> put : puts.entrySet()) {
                merged.add(put.getKey());
                merged.add(put.getValue());
            }
            return merged.isEmpty() ? NO_VALUES : merged.toArray();
        }
    }

    /**
     * A read-only map over an array of alternating keys and values, so a load copies nothing.
     */
    private static final class PairArrayMap extends AbstractMap<String, byte[]> {

        private final Object[] pairs;

        PairArrayMap(Object[] pairs) {
            this.pairs = pairs;
        }

        @Override
        public byte[] get(Object key) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i].equals(key)) {
                    return (byte[]) pairs[i + 1];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return pairs.length / 2;
        }

        @Override
        public Set<Map.Entry<String, byte[]>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, byte[]>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < pairs.length;
                        }

                        @Override
                        public Map.Entry<String, byte[]> next() {
                            if (next >= pairs.length) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<String, byte[]> entry = new SimpleImmutableEntry<>((String) pairs[next],
                                    (byte[]) pairs[next + 1]);
                            next += 2;
                            return entry;
                        }
                    };
                }

                @Override
                public int size() {
                    return pairs.length / 2;
                }
            };
        }
    }
}
