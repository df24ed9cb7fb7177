package io.quarkiverse.session.runtime.store.memory;

/**
 * An eviction order of a segment's sessions, its probation or its protected part ({@link Segment#evict}): a ring of
 * items, each a row and that row's generation when it was queued. A row freed or given a new session changes
 * generation, so the items queued before go stale without being searched for; stale items are skipped when polled and
 * dropped when the ring is full or when the segment is swept.
 * <p>
 * Invariants: the ring's length is a power of two; every live row has exactly one current item ({@link #isCurrent}),
 * in one of its segment's two queues.
 */
final class ClockQueue {

    private static final int MIN_LENGTH = 16;

    private long[] items = new long[MIN_LENGTH];
    private int head;
    private int size;

    static long item(long generation, int row) {
        return (generation << 32) | row;
    }

    static int row(long item) {
        return (int) item;
    }

    /** Whether the item stands for the session its row holds now, given the row's {@link Row#META} word. */
    static boolean isCurrent(long item, long meta) {
        return (meta & Row.LIVE) != 0 && Row.generation(meta) == (item >>> 32);
    }

    /** The number of items, stale ones included. */
    int size() {
        return size;
    }

    /** Removes and returns the oldest item; the queue must not be empty. */
    long poll() {
        long item = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return item;
    }

    /**
     * Adds an item at the tail. A full ring first drops its stale items, and grows only if they were less than half.
     *
     * @param rows the rows the items refer to
     * @param sessions the number of live rows this queue holds
     */
    void add(long item, long[] rows, int sessions) {
        if (size == items.length) {
            dropStale(rows, sessions);
            if (size > items.length / 2) {
                items = unwrap(items.length * 2);
            }
        }
        items[(head + size) & (items.length - 1)] = item;
        size++;
    }

    /**
     * Drops the stale items, keeping the order of the others, and shrinks a ring that is far larger than the
     * {@code sessions} live rows need.
     */
    void dropStale(long[] rows, int sessions) {
        int kept = 0;
        int mask = items.length - 1;
        for (int i = 0; i < size; i++) {
            long item = items[(head + i) & mask];
            if (isCurrent(item, rows[row(item) * Row.WORDS + Row.META])) {
                items[(head + kept++) & mask] = item;
            }
        }
        size = kept;
        int wanted = Math.max(MIN_LENGTH, Integer.highestOneBit(Math.max(1, 2 * sessions - 1)) * 2);
        if (items.length > 2 * wanted && size <= wanted / 2) {
            items = unwrap(wanted);
        }
    }

    /** Returns a new ring of {@code length} holding the items from index 0. */
    private long[] unwrap(int length) {
        long[] fresh = new long[length];
        int mask = items.length - 1;
        for (int i = 0; i < size; i++) {
            fresh[i] = items[(head + i) & mask];
        }
        head = 0;
        return fresh;
    }
}
