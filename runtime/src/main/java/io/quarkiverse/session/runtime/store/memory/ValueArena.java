package io.quarkiverse.session.runtime.store.memory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import io.quarkiverse.session.SessionStoreException;

/**
 * The values of a segment's sessions, each session's {@link PackedValues} end to end in one byte array. A row finds its
 * values by a reference in its {@link Row#VALUES} word. New values are appended; the bytes of replaced and removed
 * ones stay unused until a compaction copies the values still referenced into a new array.
 * <p>
 * Invariants: {@code live} counts the bytes that rows refer to, so every reference given up goes through
 * {@link #free}; values move only in {@link #compact}, which rewrites every row's reference; the array is never longer
 * than {@link #maxLength}, and sizes are computed in {@code long}, so that none wraps round past 1 GiB.
 */
final class ValueArena {

    private static final int MIN_LENGTH = 1024;
    /** The longest array every JVM allocates: a few header words short of {@link Integer#MAX_VALUE}. */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    /** At most {@link #MAX_LENGTH}; less only in tests, to reach the limit without allocating gigabytes. */
    private final int maxLength;
    private byte[] bytes = new byte[MIN_LENGTH];
    private int top;
    private int live;

    ValueArena() {
        this(MAX_LENGTH);
    }

    ValueArena(int maxLength) {
        this.maxLength = maxLength;
    }

    private static int offset(long ref) {
        return (int) (ref >>> 32);
    }

    private static int length(long ref) {
        return (int) ref;
    }

    /**
     * Copies packed values in; returns their reference, the offset (high half) and the length (low half), or 0 for no
     * values.
     *
     * @param rows the rows whose references a compaction rewrites, the first {@code rowTop} of them
     */
    long store(byte[] packed, long[] rows, int rowTop) {
        if (PackedValues.isEmpty(packed)) {
            return 0;
        }
        requireRoom(packed, 0);
        if (!fits(top, packed.length, bytes.length)) {
            compact(packed.length, rows, rowTop);
        }
        int offset = top;
        System.arraycopy(packed, 0, bytes, offset, packed.length);
        top += packed.length;
        live += packed.length;
        return ((long) offset << 32) | packed.length;
    }

    /**
     * Throws, before anything changes, if {@code packed} would not fit once the values of {@code replaced} (a reference,
     * or 0) are given up: a caller that frees old values before storing new ones checks first, so that a refused write
     * leaves the session as it was.
     */
    void requireRoom(byte[] packed, long replaced) {
        if (!PackedValues.isEmpty(packed)) {
            compactedLength((long) live - length(replaced), packed.length, maxLength);
        }
    }

    /** Gives up the values of a reference: the row that held it must forget it. */
    void free(long ref) {
        live -= length(ref);
    }

    /** Returns a copy of the packed values of a reference. */
    byte[] copy(long ref) {
        int offset = offset(ref);
        int length = length(ref);
        return length == 0 ? PackedValues.pack(Map.of()) : Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /**
     * Replaces in place the value of the single key of {@code put} if it is among the values of {@code ref} with the
     * same length; returns whether it was.
     */
    boolean overwrite(long ref, Map<String, byte[]> put) {
        if (length(ref) == 0) {
            return false;
        }
        Map.Entry<String, byte[]> value = put.entrySet().iterator().next();
        int offset = PackedValues.valueOffset(bytes, offset(ref), value.getKey().getBytes(StandardCharsets.UTF_8));
        if (offset < 0 || PackedValues.readInt(bytes, offset - 4) != value.getValue().length) {
            return false;
        }
        System.arraycopy(value.getValue(), 0, bytes, offset, value.getValue().length);
        return true;
    }

    /** Gives the unused space back if less than a quarter of the array is in use. */
    void shrink(long[] rows, int rowTop) {
        if (bytes.length > MIN_LENGTH && live < bytes.length / 4) {
            compact(0, rows, rowTop);
        }
    }

    /** Whether {@code length} more bytes fit after {@code top} in an array of {@code capacity}. */
    static boolean fits(int top, int length, int capacity) {
        return (long) top + length <= capacity;
    }

    static int compactedLength(long live, long extra) {
        return compactedLength(live, extra, MAX_LENGTH);
    }

    /**
     * The length of the array a compaction moves {@code live} bytes to, with room for {@code extra} more: twice what
     * they need, at most {@code maxLength}.
     *
     * @throws SessionStoreException if even {@code maxLength} cannot hold them
     */
    static int compactedLength(long live, long extra, int maxLength) {
        long needed = live + extra;
        if (needed > maxLength) {
            throw new SessionStoreException("A segment of the memory session store cannot hold more session values: "
                    + live + " bytes in use, " + extra + " more needed, at most " + maxLength
                    + "; lower quarkus.session.memory.max-sessions or the size of sessions, or use another store");
        }
        return (int) Math.min(maxLength, Math.max(MIN_LENGTH, 2 * needed));
    }

    /** Moves the values still referenced to a new array with room for {@code extra} more bytes. */
    private void compact(int extra, long[] rows, int rowTop) {
        byte[] fresh = new byte[compactedLength(live, extra, maxLength)];
        int at = 0;
        for (int row = 0; row < rowTop; row++) {
            int word = row * Row.WORDS + Row.VALUES;
            long ref = rows[word];
            int length = length(ref);
            if (length != 0) {
                System.arraycopy(bytes, offset(ref), fresh, at, length);
                rows[word] = ((long) at << 32) | length;
                at += length;
            }
        }
        bytes = fresh;
        top = at;
    }
}
