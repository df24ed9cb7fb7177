package io.quarkiverse.session.runtime.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.session.SessionTooLargeException;

/**
 * How a session's size is counted against {@code quarkus.session.max-size}: the UTF-8 bytes of each key plus its
 * encoded value, on the values as they are after the change. A value of {@code n} ASCII characters is {@code n + 2}
 * bytes of JSON.
 */
class SessionValueChangesSizeTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void sessionExactlyAtTheLimitIsAccepted() {
        SessionValueChanges values = new SessionValueChanges(new SessionValueCodec(JACKSON, 10), Map.of());
        values.put("k", "x".repeat(7));
        assertEquals("xxxxxxx", values.get("k", String.class));
        assertThrows(SessionTooLargeException.class, () -> values.put("k", "x".repeat(8)));
        assertEquals("xxxxxxx", values.get("k", String.class), "a failed put changes nothing");
    }

    @Test
    void keysCountInUtf8Bytes() {
        // "é" is 2 bytes, "😀" 4: 6 bytes of key and 3 of value.
        SessionValueChanges values = new SessionValueChanges(new SessionValueCodec(JACKSON, 9), Map.of());
        values.put("é😀", "x");
        assertThrows(SessionTooLargeException.class, () -> values.put("é😀", "xx"));
    }

    @Test
    void removedAndClearedValuesNoLongerCount() {
        SessionValueChanges values = new SessionValueChanges(new SessionValueCodec(JACKSON, 10),
                Map.of("a", json("xxxxxx")));
        assertThrows(SessionTooLargeException.class, () -> values.put("b", "x"));
        values.remove("a");
        values.put("b", "xxxxxxx");
        values.clear();
        values.put("c", "xxxxxxx");
        assertEquals(Set.of("c"), values.keys());
    }

    @Test
    void sessionLoadedAboveTheLimitCanShrinkButNotGrow() {
        SessionValueChanges values = new SessionValueChanges(new SessionValueCodec(JACKSON, 10),
                Map.of("a", json("x".repeat(20)), "b", json("y")));
        values.put("a", "x".repeat(15));
        values.put("b", "y");
        SessionTooLargeException failure = assertThrows(SessionTooLargeException.class, () -> values.put("b", "yy"));
        assertTrue(failure.getMessage().contains("quarkus.session.max-size"), failure.getMessage());
        assertTrue(failure.getMessage().contains("23 bytes") && failure.getMessage().contains("10 bytes"),
                failure.getMessage());
        assertEquals("y", values.get("b", String.class));
    }

    private static byte[] json(String text) {
        return ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8);
    }
}
