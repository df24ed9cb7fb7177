package io.quarkiverse.session.runtime.store.memory;

import io.quarkiverse.session.spi.SessionKey;

/**
 * Finds a session's row by its key: open addressing with linear probing, each slot holding a row number plus one (0 for
 * an empty slot). The keys themselves stay in the rows, which every method reads.
 * <p>
 * Invariants: the number of slots is a power of two and at least twice the number of rows, so every probe reaches an
 * empty slot; every live row is in exactly one slot, reachable from its home slot without crossing an empty one, which
 * is why a removal shifts entries back ({@link #removeAt}) and never just empties a slot.
 */
final class KeyIndex {

    private int[] slots;

    KeyIndex(int rowCapacity) {
        slots = new int[slotsFor(rowCapacity)];
    }

    /** The smallest power of two at least twice {@code rowCapacity}. */
    private static int slotsFor(int rowCapacity) {
        return Integer.highestOneBit(4 * rowCapacity - 1);
    }

    private static int home(long word0, int mask) {
        // The bits of a cryptographic hash are uniformly distributed already.
        return (int) (word0 ^ (word0 >>> 32)) & mask;
    }

    /** Returns the slot of the key, or -1. */
    int find(SessionKey key, long[] rows) {
        long w0 = key.word(0);
        int mask = slots.length - 1;
        for (int slot = home(w0, mask);; slot = (slot + 1) & mask) {
            int ref = slots[slot];
            if (ref == 0) {
                return -1;
            }
            int base = (ref - 1) * Row.WORDS + Row.KEY;
            if (rows[base] == w0 && rows[base + 1] == key.word(1) && rows[base + 2] == key.word(2)
                    && rows[base + 3] == key.word(3)) {
                return slot;
            }
        }
    }

    /** Returns the row in a slot that {@link #find} returned. */
    int row(int slot) {
        return slots[slot] - 1;
    }

    /** Returns the slot of a live row. */
    int slotOf(int row, long[] rows) {
        int mask = slots.length - 1;
        int slot = home(rows[row * Row.WORDS + Row.KEY], mask);
        while (slots[slot] != row + 1) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Adds a row whose key is not in the index yet. */
    void add(int row, long[] rows) {
        int mask = slots.length - 1;
        int slot = home(rows[row * Row.WORDS + Row.KEY], mask);
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = row + 1;
    }

    /** Empties a slot, shifting back the entries whose probe path crossed it; returns the row it held. */
    int removeAt(int slot, long[] rows) {
        int row = slots[slot] - 1;
        int mask = slots.length - 1;
        int hole = slot;
        for (int next = (hole + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int home = home(rows[(slots[next] - 1) * Row.WORDS + Row.KEY], mask);
            // The entry moves into the hole if the hole lies on its probe path, from its home to where it is.
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                slots[hole] = slots[next];
                hole = next;
            }
        }
        slots[hole] = 0;
        return row;
    }

    /**
     * Makes room for {@code rowCapacity} rows, indexing again the live ones among the first {@code rowTop} if the
     * slots have to grow.
     */
    void fit(int rowCapacity, long[] rows, int rowTop) {
        if (slots.length >= 2 * rowCapacity) {
            return;
        }
        slots = new int[slotsFor(rowCapacity)];
        for (int row = 0; row < rowTop; row++) {
            if ((rows[row * Row.WORDS + Row.META] & Row.LIVE) != 0) {
                add(row, rows);
            }
        }
    }
}
