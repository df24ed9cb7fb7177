package io.quarkiverse.session.runtime.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * A share of the sessions: one {@link Row} per session in {@link #rows}, found through a {@link KeyIndex}, queued for
 * eviction in a {@link ClockQueue}, with its values in a {@link ValueArena}. Not thread-safe: callers hold the segment's
 * monitor.
 * <p>
 * Invariants: a row never moves while it holds a session, since the index and the queue refer to it by number; a free
 * row is all zeros but its generation (already the next one) and its link in the list of free rows; every live row is
 * in the index and counted in {@link #sessions} and in the store's session count.
 */
final class Segment {

    private static final int INITIAL_ROWS = 16;
    private static final Map<String, byte[]> NO_VALUES = Map.of();

    private final AtomicInteger sessionCount;
    /** Beyond this many rows a segment grows by half rather than doubling: the store's limit is near. */
    private final int doublingLimit;

    private long[] rows = new long[INITIAL_ROWS * Row.WORDS];
    /** Rows from here on have never been used. */
    private int rowTop;
    /** The first free row below {@link #rowTop}, or -1. */
    private int freeRow = -1;
    /** The live rows. */
    private int sessions;
    private final KeyIndex index = new KeyIndex(INITIAL_ROWS);
    private final ClockQueue queue = new ClockQueue();
    private final ValueArena arena = new ValueArena();

    Segment(int expectedSessions, AtomicInteger sessionCount) {
        this.sessionCount = sessionCount;
        this.doublingLimit = expectedSessions + expectedSessions / 8 + 8;
    }

    SessionRecord load(SessionKey key) {
        int slot = index.find(key, rows);
        if (slot < 0) {
            return null;
        }
        int base = index.row(slot) * Row.WORDS;
        rows[base + Row.META] |= Row.USED;
        long idle = rows[base + Row.IDLE];
        return new SessionRecord(Instant.ofEpochMilli(rows[base + Row.CREATED]),
                Instant.ofEpochMilli(rows[base + Row.LAST_ACCESS]), idle == 0 ? null : Duration.ofMillis(idle),
                Instant.ofEpochMilli(rows[base + Row.EXPIRES]), values(base));
    }

    /**
     * Adds or replaces a session; returns its row.
     */
    int put(SessionKey key, long createdAt, long lastAccessedAt, long expiresAt, long idleTimeout, byte[] values) {
        int slot = index.find(key, rows);
        int row;
        long generation;
        if (slot >= 0) {
            // A session created again under a key in use replaces it; its queue item goes stale.
            row = index.row(slot);
            freeValues(row * Row.WORDS);
            generation = Row.generation(rows[row * Row.WORDS + Row.META]) + 1;
        } else {
            row = allocateRow();
            generation = Row.generation(rows[row * Row.WORDS + Row.META]);
            for (int w = 0; w < 4; w++) {
                rows[row * Row.WORDS + Row.KEY + w] = key.word(w);
            }
            index.add(row, rows);
            sessions++;
            sessionCount.incrementAndGet();
        }
        int base = row * Row.WORDS;
        rows[base + Row.CREATED] = createdAt;
        rows[base + Row.LAST_ACCESS] = lastAccessedAt;
        rows[base + Row.EXPIRES] = expiresAt;
        rows[base + Row.IDLE] = idleTimeout;
        rows[base + Row.META] = (generation << 32) | Row.LIVE;
        rows[base + Row.VALUES] = arena.store(values, rows, rowTop);
        queue.add(ClockQueue.item(generation, row), rows, sessions);
        return row;
    }

    boolean update(SessionKey key, SessionUpdate update) {
        int slot = index.find(key, rows);
        if (slot < 0) {
            return false;
        }
        int base = index.row(slot) * Row.WORDS;
        changeValues(base, update.puts(), update.removals());
        if (update.lastAccessedAt() != null) {
            rows[base + Row.LAST_ACCESS] = update.lastAccessedAt().toEpochMilli();
        }
        if (update.expiresAt() != null) {
            rows[base + Row.EXPIRES] = update.expiresAt().toEpochMilli();
        }
        if (update.idleTimeout() != null) {
            rows[base + Row.IDLE] = update.idleTimeout().toMillis();
        }
        rows[base + Row.META] |= Row.USED;
        return true;
    }

    /** Removes a session; returns whether there was one. */
    boolean delete(SessionKey key) {
        int slot = index.find(key, rows);
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
        int slot = index.find(key, rows);
        if (slot < 0) {
            return null;
        }
        int base = index.row(slot) * Row.WORDS;
        System.arraycopy(rows, base, copy, 0, Row.WORDS);
        byte[] values = arena.copy(rows[base + Row.VALUES]);
        removeAt(slot);
        return values;
    }

    /**
     * Evicts up to {@code count} sessions with the CLOCK algorithm: from the head of the queue, a session used since it
     * was queued loses its {@link Row#USED} flag and goes to the tail, the first one that was not is evicted. Constant
     * time per eviction, so a flood of new sessions never waits for a scan.
     *
     * @param sparedRow the row of a session that must stay (the one just created), or -1
     */
    int evictLeastRecentlyUsed(int count, int sparedRow) {
        int evicted = 0;
        // Bounded: every session can be queued again at most once per pass.
        for (int polls = 2 * queue.size(); evicted < count && polls > 0 && queue.size() > 0; polls--) {
            long item = queue.poll();
            int row = ClockQueue.row(item);
            long meta = rows[row * Row.WORDS + Row.META];
            if (!ClockQueue.isCurrent(item, meta)) {
                continue;
            }
            if ((meta & Row.USED) != 0 || row == sparedRow) {
                rows[row * Row.WORDS + Row.META] = meta & ~Row.USED;
                queue.add(item, rows, sessions);
            } else {
                removeAt(index.slotOf(row, rows));
                evicted++;
            }
        }
        return evicted;
    }

    /** Removes the sessions expired at {@code now}, then gives back the space of the queue and the arena. */
    int expire(long now) {
        int expired = 0;
        for (int row = 0; row < rowTop; row++) {
            int base = row * Row.WORDS;
            if ((rows[base + Row.META] & Row.LIVE) != 0 && rows[base + Row.EXPIRES] <= now) {
                removeAt(index.slotOf(row, rows));
                expired++;
            }
        }
        // Deleted and expired sessions leave the queue here rather than at each removal, which would cost a search.
        queue.dropStale(rows, sessions);
        arena.shrink(rows, rowTop);
        return expired;
    }

    /**
     * Adds the summaries of the sessions from row {@code from} on, up to {@code limit}; returns the row to continue
     * from, or -1 if this segment has no more.
     */
    int summaries(int from, int limit, List<SessionSummary> page) {
        for (int row = from; row < rowTop; row++) {
            int base = row * Row.WORDS;
            if ((rows[base + Row.META] & Row.LIVE) == 0) {
                continue;
            }
            if (limit-- == 0) {
                return row;
            }
            int key = base + Row.KEY;
            page.add(new SessionSummary(SessionKey.ofWords(rows[key], rows[key + 1], rows[key + 2], rows[key + 3]),
                    Instant.ofEpochMilli(rows[base + Row.CREATED]), Instant.ofEpochMilli(rows[base + Row.LAST_ACCESS]),
                    Instant.ofEpochMilli(rows[base + Row.EXPIRES]), Set.copyOf(values(base).keySet())));
        }
        return -1;
    }

    private void changeValues(int base, Map<String, byte[]> puts, Set<String> removals) {
        if (removals.isEmpty() && puts.size() == 1 && arena.overwrite(rows[base + Row.VALUES], puts)) {
            // The common write, a value replaced by one of the same length (a counter, a flag), changes the arena
            // in place: loads copy their values out under the lock, so no reader sees it happen.
            return;
        }
        if (puts.isEmpty() && removals.isEmpty()) {
            return;
        }
        // Merged before anything changes: a merge that fails leaves the session as it was.
        byte[] merged = PackedValues.merge(arena.copy(rows[base + Row.VALUES]), puts, removals);
        freeValues(base);
        rows[base + Row.VALUES] = arena.store(merged, rows, rowTop);
    }

    private Map<String, byte[]> values(int base) {
        long ref = rows[base + Row.VALUES];
        return (int) ref == 0 ? NO_VALUES : PackedValues.view(arena.copy(ref));
    }

    private void freeValues(int base) {
        arena.free(rows[base + Row.VALUES]);
        rows[base + Row.VALUES] = 0;
    }

    /** Removes the session in an index slot. */
    private void removeAt(int slot) {
        freeRow(index.removeAt(slot, rows));
    }

    // --- rows, the free ones linked through their key word

    private int allocateRow() {
        if (freeRow >= 0) {
            int row = freeRow;
            freeRow = (int) rows[row * Row.WORDS + Row.KEY];
            return row;
        }
        int capacity = rows.length / Row.WORDS;
        if (rowTop == capacity) {
            int grown = capacity < doublingLimit ? Math.min(capacity * 2, doublingLimit) : capacity + capacity / 2;
            rows = Arrays.copyOf(rows, Math.max(grown, capacity + 1) * Row.WORDS);
            index.fit(rows.length / Row.WORDS, rows, rowTop);
        }
        return rowTop++;
    }

    private void freeRow(int row) {
        int base = row * Row.WORDS;
        freeValues(base);
        long nextGeneration = Row.generation(rows[base + Row.META]) + 1;
        Arrays.fill(rows, base, base + Row.WORDS, 0);
        rows[base + Row.META] = nextGeneration << 32;
        rows[base + Row.KEY] = freeRow;
        freeRow = row;
        sessions--;
        sessionCount.decrementAndGet();
    }
}
