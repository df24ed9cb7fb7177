package io.quarkiverse.session.runtime.store.memory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.store.ImmediateSessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in the heap, bounded: when a new session would exceed the maximum, the least recently used sessions are
 * evicted first. Every operation completes before it returns, so event-loop code can use the session without waiting.
 * <p>
 * A session is not a Java object here: its key, times and the place of its values are a row of a {@code long[]}, its
 * values are bytes in a {@code byte[]} arena ({@link PackedValues} layout). A young garbage collection copies every
 * object still alive, and while a flood of new visitors creates sessions faster than they age, nearly every session held
 * is young: kept as objects, they made every young collection copy the whole store (20 ms pauses at 100,000 sessions,
 * measured). Primitive arrays hold no references: the collector never scans them, and copies a few large arrays at most.
 * <p>
 * The store is split by key into segments, each behind its own lock, held for a few array reads and writes only.
 */
public final class MemorySessionStore implements ImmediateSessionStore {

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

    public MemorySessionStore(int maxSessions) {
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
            segments[i] = new Segment(expectedPerSegment, sessionCount);
        }
    }

    /**
     * Returns the number of sessions held, expired ones not yet swept included.
     */
    public int size() {
        return sessionCount.get();
    }

    private Segment segmentOf(SessionKey key) {
        // Word 0 places a session within its segment; word 1, independent of it, chooses the segment.
        return segments[(int) key.word(1) & segmentMask];
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
                session.expiresAt().toEpochMilli(), idleTimeout, PackedValues.pack(session.values()));
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
        long[] row = new long[Segment.ROW];
        byte[] values;
        synchronized (source) {
            // Gone from the old key before it exists under the new one: an update through the old key fails from here.
            values = source.take(from, row);
        }
        if (values == null) {
            return false;
        }
        insert(to, row[Segment.CREATED], row[Segment.LAST_ACCESS], row[Segment.EXPIRES], row[Segment.IDLE], values);
        return true;
    }

    /**
     * Adds or replaces a session, evicting the least recently used ones beyond the limit: from the session's own
     * segment first, from the others if that one holds nothing else to evict.
     */
    private void insert(SessionKey key, long createdAt, long lastAccessedAt, long expiresAt, long idleTimeout,
            byte[] values) {
        Segment segment = segmentOf(key);
        int excess;
        int evicted;
        synchronized (segment) {
            int row = segment.put(key, createdAt, lastAccessedAt, expiresAt, idleTimeout, values);
            excess = sessionCount.get() - maxSessions;
            evicted = excess > 0 ? segment.evictLeastRecentlyUsed(excess, row) : 0;
        }
        int home = (int) key.word(1) & segmentMask;
        for (int i = 1; evicted < excess && i < segments.length; i++) {
            Segment other = segments[(home + i) & segmentMask];
            synchronized (other) {
                evicted += other.evictLeastRecentlyUsed(excess - evicted, -1);
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
            LOG.warnf("The memory session store reached quarkus.session.memory.max-sessions=%d and evicted the %d "
                    + "least recently used sessions; raise the limit or use a shared store if this is not an attack",
                    maxSessions, evictedSinceWarning.getAndSet(0));
        }
    }

    /**
     * A share of the sessions, used only under its own lock.
     * <p>
     * Rows live in {@link #rows} and never move while they are in use; free rows form a list linked through their
     * first word. An open-addressing index (linear probing, deletion by backward shift, so no tombstones pile up
     * under churn) maps a key to its row. The eviction queue is a ring of (generation, row) items: a row freed and
     * reused gets a new generation, which makes its old items stale, and stale items are skipped and swept.
     */
    static final class Segment {

        static final int ROW = 10;
        static final int WORD0 = 0;
        static final int CREATED = 4;
        static final int LAST_ACCESS = 5;
        static final int EXPIRES = 6;
        /** Milliseconds, or 0 for the configured default. */
        static final int IDLE = 7;
        /** Offset of the values in the arena (high half) and their length (low half); length 0 for no values. */
        static final int VALUES = 8;
        /** Generation (high half) and the flags below. */
        static final int META = 9;
        static final long LIVE = 1;
        /** Loaded or updated since it was last queued for eviction: gets a second chance. */
        static final long USED = 2;

        private static final int INITIAL_ROWS = 16;
        private static final int MIN_ARENA = 1024;
        private static final Map<String, byte[]> NO_VALUES = Map.of();

        private final AtomicInteger sessionCount;
        /** Beyond this many rows a segment grows by half rather than doubling: the store's limit is near. */
        private final int doublingLimit;

        private long[] rows = new long[INITIAL_ROWS * ROW];
        private int rowTop;
        private int freeRow = -1;
        private int size;
        /** Row number plus one, 0 for an empty slot; a power of two, at least twice the row capacity. */
        private int[] index = new int[INITIAL_ROWS * 2];
        private long[] queue = new long[INITIAL_ROWS];
        private int queueHead;
        private int queueSize;
        private byte[] arena = new byte[MIN_ARENA];
        private int arenaTop;
        private int arenaLive;

        Segment(int expectedSessions, AtomicInteger sessionCount) {
            this.sessionCount = sessionCount;
            this.doublingLimit = expectedSessions + expectedSessions / 8 + 8;
        }

        SessionRecord load(SessionKey key) {
            int slot = find(key);
            if (slot < 0) {
                return null;
            }
            int base = (index[slot] - 1) * ROW;
            rows[base + META] |= USED;
            long idle = rows[base + IDLE];
            return new SessionRecord(Instant.ofEpochMilli(rows[base + CREATED]),
                    Instant.ofEpochMilli(rows[base + LAST_ACCESS]), idle == 0 ? null : Duration.ofMillis(idle),
                    Instant.ofEpochMilli(rows[base + EXPIRES]), values(base));
        }

        /**
         * Adds or replaces a session; returns its row.
         */
        int put(SessionKey key, long createdAt, long lastAccessedAt, long expiresAt, long idleTimeout, byte[] values) {
            int slot = find(key);
            int row;
            long generation;
            if (slot >= 0) {
                // A session created again under a key in use replaces it; its queue items go stale.
                row = index[slot] - 1;
                freeValues(row * ROW);
                generation = (rows[row * ROW + META] >>> 32) + 1;
            } else {
                row = allocateRow();
                generation = rows[row * ROW + META] >>> 32;
                for (int w = 0; w < 4; w++) {
                    rows[row * ROW + WORD0 + w] = key.word(w);
                }
                addToIndex(row);
                size++;
                sessionCount.incrementAndGet();
            }
            int base = row * ROW;
            rows[base + CREATED] = createdAt;
            rows[base + LAST_ACCESS] = lastAccessedAt;
            rows[base + EXPIRES] = expiresAt;
            rows[base + IDLE] = idleTimeout;
            rows[base + META] = (generation << 32) | LIVE;
            rows[base + VALUES] = storeValues(values);
            enqueue((generation << 32) | row);
            return row;
        }

        boolean update(SessionKey key, SessionUpdate update) {
            int slot = find(key);
            if (slot < 0) {
                return false;
            }
            int base = (index[slot] - 1) * ROW;
            if (update.removals().isEmpty() && update.puts().size() == 1 && overwrite(base, update.puts())) {
                // The common write, a value replaced by one of the same length (a counter, a flag), changes the arena
                // in place: loads copy their values out under the lock, so no reader sees it happen.
            } else if (!update.puts().isEmpty() || !update.removals().isEmpty()) {
                // Merged before anything changes: a merge that fails leaves the session as it was.
                byte[] merged = PackedValues.merge(packedValues(base), update.puts(), update.removals());
                freeValues(base);
                rows[base + VALUES] = storeValues(merged);
            }
            if (update.lastAccessedAt() != null) {
                rows[base + LAST_ACCESS] = update.lastAccessedAt().toEpochMilli();
            }
            if (update.expiresAt() != null) {
                rows[base + EXPIRES] = update.expiresAt().toEpochMilli();
            }
            if (update.idleTimeout() != null) {
                rows[base + IDLE] = update.idleTimeout().toMillis();
            }
            rows[base + META] |= USED;
            return true;
        }

        /** Removes a session; returns whether there was one. */
        boolean delete(SessionKey key) {
            int slot = find(key);
            if (slot < 0) {
                return false;
            }
            removeAt(slot);
            return true;
        }

        /**
         * Removes a session and hands it over: its row is copied into {@code copy}, its packed values are returned;
         * {@code null} if there was no such session.
         */
        byte[] take(SessionKey key, long[] copy) {
            int slot = find(key);
            if (slot < 0) {
                return null;
            }
            int row = index[slot] - 1;
            System.arraycopy(rows, row * ROW, copy, 0, ROW);
            byte[] values = packedValues(row * ROW);
            removeAt(slot);
            return values;
        }

        /**
         * Evicts up to {@code count} sessions with the CLOCK algorithm: the queue holds sessions in the order they were
         * created or last re-queued; a session used since it was queued gets a second chance at the tail, the first one
         * that was not is evicted. Constant time per eviction, so a flood of new sessions never waits for a scan.
         *
         * @param sparedRow the row of a session that must stay (the one just created), or -1
         */
        int evictLeastRecentlyUsed(int count, int sparedRow) {
            int evicted = 0;
            // Bounded: every session can be re-queued at most once per pass.
            for (int polls = 2 * queueSize; evicted < count && polls > 0 && queueSize > 0; polls--) {
                long item = queue[queueHead];
                queueHead = (queueHead + 1) & (queue.length - 1);
                queueSize--;
                int row = (int) item;
                long meta = rows[row * ROW + META];
                if ((meta & LIVE) == 0 || (meta >>> 32) != (item >>> 32)) {
                    continue;
                }
                if ((meta & USED) != 0 || row == sparedRow) {
                    rows[row * ROW + META] = meta & ~USED;
                    enqueue(item);
                } else {
                    removeAt(slotOf(row));
                    evicted++;
                }
            }
            return evicted;
        }

        int expire(long now) {
            int expired = 0;
            for (int row = 0; row < rowTop; row++) {
                int base = row * ROW;
                if ((rows[base + META] & LIVE) != 0 && rows[base + EXPIRES] <= now) {
                    removeAt(slotOf(row));
                    expired++;
                }
            }
            // Deleted and expired sessions leave the queue here rather than at each removal, which would cost a search.
            dropStaleQueueItems();
            if (arena.length > MIN_ARENA && arenaLive < arena.length / 4) {
                compactArena(0);
            }
            return expired;
        }

        /**
         * Adds the summaries of the sessions from row {@code from} on, up to {@code limit}; returns the row to continue
         * from, or -1 if this segment has no more.
         */
        int summaries(int from, int limit, List<SessionSummary> page) {
            for (int row = from; row < rowTop; row++) {
                int base = row * ROW;
                if ((rows[base + META] & LIVE) == 0) {
                    continue;
                }
                if (limit-- == 0) {
                    return row;
                }
                SessionKey key = SessionKey.ofWords(rows[base], rows[base + 1], rows[base + 2], rows[base + 3]);
                page.add(new SessionSummary(key, Instant.ofEpochMilli(rows[base + CREATED]),
                        Instant.ofEpochMilli(rows[base + LAST_ACCESS]), Instant.ofEpochMilli(rows[base + EXPIRES]),
                        Set.copyOf(values(base).keySet())));
            }
            return -1;
        }

        // --- the index

        private static int home(long word0, int mask) {
            // The bits of a cryptographic hash are uniformly distributed already.
            return (int) (word0 ^ (word0 >>> 32)) & mask;
        }

        /** Returns the index slot of the key, or -1. */
        private int find(SessionKey key) {
            long w0 = key.word(0);
            int mask = index.length - 1;
            for (int slot = home(w0, mask);; slot = (slot + 1) & mask) {
                int ref = index[slot];
                if (ref == 0) {
                    return -1;
                }
                int base = (ref - 1) * ROW;
                if (rows[base] == w0 && rows[base + 1] == key.word(1) && rows[base + 2] == key.word(2)
                        && rows[base + 3] == key.word(3)) {
                    return slot;
                }
            }
        }

        private int slotOf(int row) {
            int mask = index.length - 1;
            int slot = home(rows[row * ROW], mask);
            while (index[slot] != row + 1) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void addToIndex(int row) {
            int mask = index.length - 1;
            int slot = home(rows[row * ROW], mask);
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = row + 1;
        }

        private void removeAt(int slot) {
            int row = index[slot] - 1;
            int mask = index.length - 1;
            int hole = slot;
            for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
                int home = home(rows[(index[next] - 1) * ROW], mask);
                // The entry moves into the hole if the hole lies on its probe path, from its home to where it is.
                if (((next - home) & mask) >= ((next - hole) & mask)) {
                    index[hole] = index[next];
                    hole = next;
                }
            }
            index[hole] = 0;
            freeRow(row);
        }

        // --- rows

        private int allocateRow() {
            if (freeRow >= 0) {
                int row = freeRow;
                freeRow = (int) rows[row * ROW + WORD0];
                return row;
            }
            int capacity = rows.length / ROW;
            if (rowTop == capacity) {
                int grown = capacity < doublingLimit ? Math.min(capacity * 2, doublingLimit) : capacity + capacity / 2;
                rows = Arrays.copyOf(rows, Math.max(grown, capacity + 1) * ROW);
                if (index.length < 2 * (rows.length / ROW)) {
                    index = new int[Integer.highestOneBit(4 * (rows.length / ROW) - 1)];
                    for (int row = 0; row < rowTop; row++) {
                        if ((rows[row * ROW + META] & LIVE) != 0) {
                            addToIndex(row);
                        }
                    }
                }
            }
            return rowTop++;
        }

        private void freeRow(int row) {
            int base = row * ROW;
            freeValues(base);
            long nextGeneration = (rows[base + META] >>> 32) + 1;
            Arrays.fill(rows, base, base + ROW, 0);
            rows[base + META] = nextGeneration << 32;
            rows[base + WORD0] = freeRow;
            freeRow = row;
            size--;
            sessionCount.decrementAndGet();
        }

        // --- the eviction queue

        private void enqueue(long item) {
            if (queueSize == queue.length) {
                dropStaleQueueItems();
                if (queueSize > queue.length / 2) {
                    queue = unwrapQueue(queue.length * 2);
                }
            }
            queue[(queueHead + queueSize) & (queue.length - 1)] = item;
            queueSize++;
        }

        private void dropStaleQueueItems() {
            int kept = 0;
            int mask = queue.length - 1;
            for (int i = 0; i < queueSize; i++) {
                long item = queue[(queueHead + i) & mask];
                long meta = rows[(int) item * ROW + META];
                if ((meta & LIVE) != 0 && (meta >>> 32) == (item >>> 32)) {
                    queue[(queueHead + kept++) & mask] = item;
                }
            }
            queueSize = kept;
            int wanted = Math.max(INITIAL_ROWS, Integer.highestOneBit(Math.max(1, 2 * size - 1)) * 2);
            if (queue.length > 2 * wanted && queueSize <= wanted / 2) {
                queue = unwrapQueue(wanted);
            }
        }

        private long[] unwrapQueue(int length) {
            long[] fresh = new long[length];
            int mask = queue.length - 1;
            for (int i = 0; i < queueSize; i++) {
                fresh[i] = queue[(queueHead + i) & mask];
            }
            queueHead = 0;
            return fresh;
        }

        // --- values

        private boolean overwrite(int base, Map<String, byte[]> put) {
            long ref = rows[base + VALUES];
            if ((int) ref == 0) {
                return false;
            }
            Map.Entry<String, byte[]> value = put.entrySet().iterator().next();
            int offset = PackedValues.valueOffset(arena, (int) (ref >>> 32),
                    value.getKey().getBytes(StandardCharsets.UTF_8));
            if (offset < 0 || PackedValues.readInt(arena, offset - 4) != value.getValue().length) {
                return false;
            }
            System.arraycopy(value.getValue(), 0, arena, offset, value.getValue().length);
            return true;
        }

        private Map<String, byte[]> values(int base) {
            int length = (int) rows[base + VALUES];
            return length == 0 ? NO_VALUES : PackedValues.view(packedValues(base));
        }

        private byte[] packedValues(int base) {
            long ref = rows[base + VALUES];
            int offset = (int) (ref >>> 32);
            int length = (int) ref;
            return length == 0 ? PackedValues.pack(NO_VALUES) : Arrays.copyOfRange(arena, offset, offset + length);
        }

        private long storeValues(byte[] packed) {
            if (PackedValues.isEmpty(packed)) {
                return 0;
            }
            if (arenaTop + packed.length > arena.length) {
                compactArena(packed.length);
            }
            int offset = arenaTop;
            System.arraycopy(packed, 0, arena, offset, packed.length);
            arenaTop += packed.length;
            arenaLive += packed.length;
            return ((long) offset << 32) | packed.length;
        }

        private void freeValues(int base) {
            arenaLive -= (int) rows[base + VALUES];
            rows[base + VALUES] = 0;
        }

        /**
         * Moves the live values to a new arena with room for {@code extra} more bytes; values that were replaced or
         * removed are dropped.
         */
        private void compactArena(int extra) {
            byte[] fresh = new byte[Math.max(MIN_ARENA, 2 * (arenaLive + extra))];
            int top = 0;
            for (int row = 0; row < rowTop; row++) {
                int base = row * ROW;
                long ref = rows[base + VALUES];
                int length = (int) ref;
                if (length != 0) {
                    System.arraycopy(arena, (int) (ref >>> 32), fresh, top, length);
                    rows[base + VALUES] = ((long) top << 32) | length;
                    top += length;
                }
            }
            arena = fresh;
            arenaTop = top;
        }
    }
}
