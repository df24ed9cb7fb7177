package io.quarkiverse.session.runtime.store.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PackedValuesTest {

    @Test
    void roundTripsKeysAndValuesOfAnyContent() {
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("counter", json("41"));
        values.put("pañier 🛒", json("[{\"sku\":\"A-1\",\"qty\":2}]"));
        values.put("empty", new byte[0]);
        values.put("big", new byte[100_000]);
        Map<String, byte[]> view = PackedValues.view(PackedValues.pack(values));
        assertEquals(4, view.size());
        assertEquals(values.keySet(), view.keySet());
        for (Map.Entry<String, byte[]> value : values.entrySet()) {
            assertArrayEquals(value.getValue(), view.get(value.getKey()), value.getKey());
        }
        assertNull(view.get("missing"));
        assertNull(view.get("counte"), "no prefix match");
        assertFalse(view.containsKey("counterx"));
    }

    @Test
    void mergeSetsAndRemovesKeyByKeyWithoutChangingItsInput() {
        byte[] packed = PackedValues.pack(Map.of("a", json("1"), "b", json("2"), "c", json("3")));
        byte[] before = packed.clone();
        Map<String, byte[]> puts = new HashMap<>();
        puts.put("b", json("20"));
        puts.put("d", json("4"));
        byte[] merged = PackedValues.merge(packed, puts, Set.of("c", "never-there"));
        assertArrayEquals(before, packed);
        Map<String, byte[]> view = PackedValues.view(merged);
        assertEquals(Set.of("a", "b", "d"), view.keySet());
        assertArrayEquals(json("1"), view.get("a"));
        assertArrayEquals(json("20"), view.get("b"));
        assertArrayEquals(json("4"), view.get("d"));
    }

    @Test
    void emptyValuesStayEmpty() {
        assertTrue(PackedValues.view(PackedValues.pack(Map.of())).isEmpty());
        byte[] one = PackedValues.pack(Map.of("a", json("1")));
        assertTrue(PackedValues.view(PackedValues.merge(one, Map.of(), Set.of("a"))).isEmpty());
    }

    @Test
    void returnedValuesAreCopies() {
        Map<String, byte[]> view = PackedValues.view(PackedValues.pack(Map.of("a", json("1"))));
        view.get("a")[0] = 'x';
        assertArrayEquals(json("1"), view.get("a"));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
