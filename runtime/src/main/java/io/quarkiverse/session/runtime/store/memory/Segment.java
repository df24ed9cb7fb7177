package io.quarkiverse.session.runtime.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * A share of the sessions: one {@link Row} per session in {@link #rows}, found through a {@link KeyIndex}, queued for
 * eviction in one of two {@link ClockQueue}s, with its values in a {@link ValueArena}. Not thread-safe: callers hold the
 * segment's monitor.
 * <p>
 * Eviction is segmented LRU: a new session enters probation; one used again is promoted to the protected part when its
 * turn in probation comes, and one moved to a new key (regenerated) enters it directly. New sessions are evicted first,
 * so a flood of them cannot push out the sessions in use; the protected part loses sessions (back to probation) only
 * beyond its share, {@link #protectedLimit}, or when probation holds nothing else to evict.
 * <p>
 * Invariants: a row never moves while it holds a session, since the index and the queues refer to it by number; a free
 * row is all zeros but its generation (already the next one) and its link in the list of free rows; every live row is
 * in the index and counted in {@link #sessions} and in the store's session count; its one current queue item is in
 * {@link #protectedQueue} if it has the {@link Row#PROTECTED} flag (counted in {@link #protectedSessions}), else in
 * {@link #probation}.
 */
final class Segment {

    private static final int INITIAL_ROWS = 16;
    /**
     * The share of a segment that new sessions keep when the protected part is full, in percent: how long a new visitor
     * has to come back during a flood, a fifth of the limit's worth of new sessions (4 s at 100,000 and 5,000 new
     * sessions a second), while four fifths stay for the sessions in use.
     */
    static final int PROBATION_PERCENT = 20;
    private static final Map<String, byte[]> NO_VALUES = Map.of();

    private final AtomicInteger sessionCount;
    /** Beyond this many rows a segment grows by half rather than doubling: the store's limit is near. */
    private final int doublingLimit;
    /** Beyond this many protected sessions, the protected part demotes its least recently used to probation. */
    private final int protectedLimit;

    private long[] rows = new long[INITIAL_ROWS * Row.WORDS];
    /** Rows from here on have never been used. */
    private int rowTop;
    /** The first free row below {@link #rowTop}, or -1. */
    private int freeRow = -1;
    /** The live rows. */
    private int sessions;
    private final KeyIndex index = new KeyIndex(INITIAL_ROWS);
    /** Sessions not used since they were created or demoted, oldest first. */
    private final ClockQueue probation = new ClockQueue();
    /** Sessions used again or regenerated, in CLOCK order. */
    private final ClockQueue protectedQueue = new ClockQueue();
    private int protectedSessions;
    private final ValueArena arena;
    /** The principal of each row bound to one, by row; its key is in {@link #principalIndex} too. */
    private String[] principals = new String[INITIAL_ROWS];
    private final PrincipalIndex principalIndex;

    Segment(int expectedSessions, AtomicInteger sessionCount, int maxValueBytes, PrincipalIndex principalIndex) {
        this.sessionCount = sessionCount;
        this.principalIndex = principalIndex;
        this.arena = new ValueArena(maxValueBytes);
        this.doublingLimit = expectedSessions + expectedSessions / 8 + 8;
        this.protectedLimit = protectedLimit(expectedSessions);
    }

    /** The protected share of a segment expected to hold {@code expectedSessions}: probation keeps at least one. */
    static int protectedLimit(int expectedSessions) {
        return expectedSessions - Math.max(1, (int) ((long) expectedSessions * PROBATION_PERCENT / 100));
    }

    SessionRecord load(SessionKey key) {
        return load(key, true);
    }

    /**
     * Loads a session; a load that is no use of the session (a tool's, a lookup by principal) leaves its place in the
     * eviction order as it is.
     */
    SessionRecord load(SessionKey key, boolean use) {
        int slot = index.find(key, rows);
        if (slot < 0) {
            return null;
        }
        int row = index.row(slot);
        int base = row * Row.WORDS;
        if (use) {
            rows[base + Row.META] |= Row.USED;
        }
        long idle = rows[base + Row.IDLE];
        return new SessionRecord(Instant.ofEpochMilli(rows[base + Row.CREATED]),
                Instant.ofEpochMilli(rows[base + Row.LAST_ACCESS]), idle == 0 ? null : Duration.ofMillis(idle),
                Instant.ofEpochMilli(rows[base + Row.EXPIRES]), values(base), principals[row]);
    }

    /** The principal a session is bound to, or {@code null}. */
    String principalOf(SessionKey key) {
        int slot = index.find(key, rows);
        return slot < 0 ? null : principals[index.row(slot)];
    }

    /**
     * Adds a session under a key not in use; returns its row.
     *
     * @param regenerated whether the session moves from another key: it enters the protected part, not probation
     * @throws SessionStoreException if a session, even an expired one not yet swept, is held under the key: a key in
     *         use means an ID was generated twice, and that session must never be given to a second client
     */
    int put(SessionKey key, long createdAt, long lastAccessedAt, long expiresAt, long idleTimeout, byte[] values,
            String principal, boolean regenerated) {
        // Refused before anything changes: no row is half made.
        if (index.find(key, rows) >= 0) {
            throw new SessionStoreException("A session already exists under the new key " + key.shortHash());
        }
        arena.requireRoom(values, 0);
        int row = allocateRow();
        long generation = Row.generation(rows[row * Row.WORDS + Row.META]);
        for (int w = 0; w < 4; w++) {
            rows[row * Row.WORDS + Row.KEY + w] = key.word(w);
        }
        index.add(row, rows);
        sessions++;
        sessionCount.incrementAndGet();
        int base = row * Row.WORDS;
        rows[base + Row.CREATED] = createdAt;
        rows[base + Row.LAST_ACCESS] = lastAccessedAt;
        rows[base + Row.EXPIRES] = expiresAt;
        rows[base + Row.IDLE] = idleTimeout;
        rows[base + Row.VALUES] = arena.store(values, rows, rowTop);
        if (principal != null) {
            principals[row] = principal;
            principalIndex.add(principal, key);
        }
        long item = ClockQueue.item(generation, row);
        if (regenerated) {
            rows[base + Row.META] = (generation << 32) | Row.LIVE | Row.PROTECTED;
            protectedSessions++;
            protectedQueue.add(item, rows, protectedSessions);
        } else {
            rows[base + Row.META] = (generation << 32) | Row.LIVE;
            probation.add(item, rows, sessions - protectedSessions);
        }
        return row;
    }

    boolean update(SessionKey key, SessionUpdate update) {
        int slot = index.find(key, rows);
        if (slot < 0) {
            return false;
        }
        int row = index.row(slot);
        int base = row * Row.WORDS;
        changeValues(base, update.puts(), update.removals());
        if (update.rebinds() && !Objects.equals(update.principal(), principals[row])) {
            if (principals[row] != null) {
                principalIndex.remove(principals[row], key);
            }
            principals[row] = update.principal();
            if (update.principal() != null) {
                principalIndex.add(update.principal(), key);
            }
        }
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
     * Evicts up to {@code count} sessions, new ones not used again first. From the head of probation, a session used
     * since it was queued moves to the protected part, the first one that was not is evicted; from the head of the
     * protected part (while it holds more than its share, or probation holds nothing else to evict), a session used
     * since it was queued loses its {@link Row#USED} flag and goes to the tail (CLOCK's second chance), the first one
     * that was not goes back to probation, where it has another pass to be used. Constant time per eviction, so a flood
     * of new sessions never waits for a scan.
     *
     * @param sparedRow the row of a session that must stay (the one just created), or -1
     */
    int evict(int count, int sparedRow) {
        int evicted = 0;
        // Bounded: each poll evicts a session, moves it on or clears its flag; promoted, demoted, then evicted at most.
        for (int polls = 3 * (probation.size() + protectedQueue.size()) + 3; evicted < count && polls > 0; polls--) {
            // The spared session counts in neither part: it can neither be evicted nor make another go.
            boolean sparedProtected = sparedRow >= 0 && (rows[sparedRow * Row.WORDS + Row.META] & Row.PROTECTED) != 0;
            int otherProtected = protectedSessions - (sparedProtected ? 1 : 0);
            int otherInProbation = sessions - protectedSessions - (sparedRow >= 0 && !sparedProtected ? 1 : 0);
            if (otherProtected > protectedLimit || otherInProbation == 0) {
                if (otherProtected == 0) {
                    break;
                }
                demoteOrRequeue(sparedRow);
            } else if (evictOrPromote(sparedRow)) {
                evicted++;
            }
        }
        return evicted;
    }

    /** Polls probation: evicts its head, or promotes it if it was used; returns whether it evicted. */
    private boolean evictOrPromote(int sparedRow) {
        long item = probation.poll();
        int row = ClockQueue.row(item);
        long meta = rows[row * Row.WORDS + Row.META];
        if (!ClockQueue.isCurrent(item, meta)) {
            return false;
        }
        if (row == sparedRow) {
            probation.add(item, rows, sessions - protectedSessions);
        } else if ((meta & Row.USED) != 0) {
            rows[row * Row.WORDS + Row.META] = (meta & ~Row.USED) | Row.PROTECTED;
            protectedSessions++;
            protectedQueue.add(item, rows, protectedSessions);
        } else {
            removeAt(index.slotOf(row, rows));
            return true;
        }
        return false;
    }

    /** Polls the protected part: gives its head a second chance if it was used, else moves it back to probation. */
    private void demoteOrRequeue(int sparedRow) {
        long item = protectedQueue.poll();
        int row = ClockQueue.row(item);
        long meta = rows[row * Row.WORDS + Row.META];
        if (!ClockQueue.isCurrent(item, meta)) {
            return;
        }
        if ((meta & Row.USED) != 0 || row == sparedRow) {
            rows[row * Row.WORDS + Row.META] = meta & ~Row.USED;
            protectedQueue.add(item, rows, protectedSessions);
        } else {
            rows[row * Row.WORDS + Row.META] = meta & ~Row.PROTECTED;
            protectedSessions--;
            probation.add(item, rows, sessions - protectedSessions);
        }
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
        // Deleted and expired sessions leave the queues here rather than at each removal, which would cost a search.
        probation.dropStale(rows, sessions - protectedSessions);
        protectedQueue.dropStale(rows, protectedSessions);
        arena.shrink(rows, rowTop);
        return expired;
    }

    /** Removes every session, as {@link #expire} does the expired ones; returns how many there were. */
    int clear() {
        // Every deadline is at most Long.MAX_VALUE: the sweep's one pass removes them all, and gives the space back.
        return expire(Long.MAX_VALUE);
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
                    Instant.ofEpochMilli(rows[base + Row.EXPIRES]), Set.copyOf(values(base).keySet()), principals[row]));
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
        // Merged and checked against the arena's limit before anything changes: a write that fails leaves the session
        // as it was.
        byte[] merged = PackedValues.merge(arena.copy(rows[base + Row.VALUES]), puts, removals);
        arena.requireRoom(merged, rows[base + Row.VALUES]);
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
            principals = Arrays.copyOf(principals, rows.length / Row.WORDS);
            index.fit(rows.length / Row.WORDS, rows, rowTop);
        }
        return rowTop++;
    }

    private void freeRow(int row) {
        int base = row * Row.WORDS;
        freeValues(base);
        if (principals[row] != null) {
            principalIndex.remove(principals[row], SessionKey.ofWords(rows[base + Row.KEY], rows[base + Row.KEY + 1],
                    rows[base + Row.KEY + 2], rows[base + Row.KEY + 3]));
            principals[row] = null;
        }
        long meta = rows[base + Row.META];
        if ((meta & Row.PROTECTED) != 0) {
            protectedSessions--;
        }
        long nextGeneration = Row.generation(meta) + 1;
        Arrays.fill(rows, base, base + Row.WORDS, 0);
        rows[base + Row.META] = nextGeneration << 32;
        rows[base + Row.KEY] = freeRow;
        freeRow = row;
        sessions--;
        sessionCount.decrementAndGet();
    }
}
