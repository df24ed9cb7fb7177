package io.quarkiverse.session.runtime.store.memory;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The values of a session packed into bytes, as the memory store keeps them in its arena: no object per value.
 * <p>
 * Layout: {@code count (2) | { key length (2) | key (UTF-8) | value length (4) | value (JSON) }*}, in big-endian.
 */
final class PackedValues {

    private static final byte[] EMPTY = { 0, 0 };

    private PackedValues() {
    }

    static byte[] pack(Map<String, byte[]> values) {
        return merge(EMPTY, values, Set.of());
    }

    /**
     * Returns {@code packed} with {@code removals} removed and {@code puts} set; the input is not changed.
     */
    static byte[] merge(byte[] packed, Map<String, byte[]> puts, Set<String> removals) {
        int count = readShort(packed, 0);
        if (count == 0 && puts.isEmpty()) {
            return EMPTY;
        }
        // Keys are compared as UTF-8 bytes: no String is made for the keys already stored.
        byte[][] putKeys = utf8(puts.keySet());
        byte[][] removedKeys = utf8(removals);
        int length = 2;
        int kept = 0;
        // First pass: the size of what is kept, and which entries that is.
        boolean[] keep = new boolean[count];
        for (int i = 0, offset = 2; i < count; i++) {
            int keyLength = readShort(packed, offset);
            int entryLength = 2 + keyLength + 4 + readInt(packed, offset + 2 + keyLength);
            if (!containsKey(putKeys, packed, offset + 2, keyLength)
                    && !containsKey(removedKeys, packed, offset + 2, keyLength)) {
                keep[i] = true;
                kept++;
                length += entryLength;
            }
            offset += entryLength;
        }
        // A map's keys and values iterate in the same order.
        for (byte[] value : puts.values()) {
            length += 4 + value.length;
        }
        for (byte[] key : putKeys) {
            length += 2 + key.length;
        }
        int total = kept + puts.size();
        if (total > 0xFFFF) {
            throw new IllegalArgumentException("A session holds at most 65535 values");
        }
        if (total == 0) {
            return EMPTY;
        }
        byte[] merged = new byte[length];
        writeShort(merged, 0, total);
        int out = 2;
        for (int i = 0, offset = 2; i < count; i++) {
            int keyLength = readShort(packed, offset);
            int entryLength = 2 + keyLength + 4 + readInt(packed, offset + 2 + keyLength);
            if (keep[i]) {
                System.arraycopy(packed, offset, merged, out, entryLength);
                out += entryLength;
            }
            offset += entryLength;
        }
        int p = 0;
        for (byte[] value : puts.values()) {
            byte[] key = putKeys[p++];
            writeShort(merged, out, key.length);
            System.arraycopy(key, 0, merged, out + 2, key.length);
            out += 2 + key.length;
            writeInt(merged, out, value.length);
            System.arraycopy(value, 0, merged, out + 4, value.length);
            out += 4 + value.length;
        }
        return merged;
    }

    private static byte[][] utf8(Set<String> keys) {
        byte[][] encoded = new byte[keys.size()][];
        int i = 0;
        for (String key : keys) {
            encoded[i] = key.getBytes(StandardCharsets.UTF_8);
            if (encoded[i++].length > 0xFFFF) {
                throw new IllegalArgumentException("A session key takes at most 65535 bytes of UTF-8");
            }
        }
        return encoded;
    }

    private static boolean containsKey(byte[][] keys, byte[] packed, int offset, int length) {
        for (byte[] key : keys) {
            if (Arrays.equals(key, 0, key.length, packed, offset, offset + length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the offset of the value of {@code key} in the packed values that start at {@code start} in {@code bytes},
     * or -1; the value's length is the int before it ({@link #readInt}).
     */
    static int valueOffset(byte[] bytes, int start, byte[] key) {
        int count = readShort(bytes, start);
        for (int i = 0, offset = start + 2; i < count; i++) {
            int keyLength = readShort(bytes, offset);
            int valueOffset = offset + 2 + keyLength + 4;
            if (Arrays.equals(bytes, offset + 2, offset + 2 + keyLength, key, 0, key.length)) {
                return valueOffset;
            }
            offset = valueOffset + readInt(bytes, valueOffset - 4);
        }
        return -1;
    }

    static boolean isEmpty(byte[] packed) {
        return readShort(packed, 0) == 0;
    }

    /**
     * A read-only map over packed values; each lookup copies out the value it returns.
     */
    static Map<String, byte[]> view(byte[] packed) {
        return readShort(packed, 0) == 0 ? Map.of() : new View(packed);
    }

    private static int readShort(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF);
    }

    private static void writeShort(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
    }

    private static void writeInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }

    private static final class View extends AbstractMap<String, byte[]> {

        private final byte[] packed;

        View(byte[] packed) {
            this.packed = packed;
        }

        @Override
        public byte[] get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
            int count = readShort(packed, 0);
            for (int i = 0, offset = 2; i < count; i++) {
                int keyLength = readShort(packed, offset);
                int valueOffset = offset + 2 + keyLength + 4;
                int valueLength = readInt(packed, valueOffset - 4);
                if (Arrays.equals(packed, offset + 2, offset + 2 + keyLength, wanted, 0, wanted.length)) {
                    return Arrays.copyOfRange(packed, valueOffset, valueOffset + valueLength);
                }
                offset = valueOffset + valueLength;
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return readShort(packed, 0);
        }

        @Override
        public Set<Map.Entry<String, byte[]>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, byte[]>> iterator() {
                    return new Iterator<>() {
                        private int remaining = readShort(packed, 0);
                        private int offset = 2;

                        @Override
                        public boolean hasNext() {
                            return remaining > 0;
                        }

                        @Override
                        public Map.Entry<String, byte[]> next() {
                            if (remaining == 0) {
                                throw new NoSuchElementException();
                            }
                            remaining--;
                            int keyLength = readShort(packed, offset);
                            String key = new String(packed, offset + 2, keyLength, StandardCharsets.UTF_8);
                            int valueOffset = offset + 2 + keyLength + 4;
                            int valueLength = readInt(packed, valueOffset - 4);
                            offset = valueOffset + valueLength;
                            return new SimpleImmutableEntry<>(key,
                                    Arrays.copyOfRange(packed, valueOffset, valueOffset + valueLength));
                        }
                    };
                }

                @Override
                public int size() {
                    return readShort(packed, 0);
                }
            };
        }
    }
}
