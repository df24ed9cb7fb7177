package io.quarkiverse.session.runtime.store.memory;

/**
 * The layout of a session's row in a {@link Segment}'s {@code long[]}: row {@code r} is the {@link #WORDS} longs from
 * {@code r * WORDS}. Times are epoch milliseconds.
 */
final class Row {

    static final int WORDS = 10;
    /** The first of the four words of the session's key; in a free row, the next free row (-1 for none). */
    static final int KEY = 0;
    static final int CREATED = 4;
    static final int LAST_ACCESS = 5;
    static final int EXPIRES = 6;
    /** Milliseconds, or 0 for the configured default. */
    static final int IDLE = 7;
    /** Where the values are in the segment's {@link ValueArena}: see {@link ValueArena#store}. */
    static final int VALUES = 8;
    /** The row's generation (high half) and the flags below (low half). */
    static final int META = 9;

    /** The row holds a session. */
    static final long LIVE = 1;
    /**
     * Loaded or updated since it was last queued for eviction: in probation it earns a place among the protected
     * sessions, among them a second chance.
     */
    static final long USED = 2;
    /** Among the protected sessions, queued in the segment's protected queue rather than in probation. */
    static final long PROTECTED = 4;

    private Row() {
    }

    /** A row's generation changes whenever the row is freed or its session replaced: see {@link ClockQueue}. */
    static long generation(long meta) {
        return meta >>> 32;
    }
}
