package io.quarkiverse.session.runtime.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

class ScalarJsonTest {

    private final ObjectMapper jackson = new ObjectMapper();

    @Test
    void writesExactlyWhatJacksonWrites() throws Exception {
        assertTrue(ScalarJson.agreesWith(jackson));
        for (Object value : List.of(0, -1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE, 0L, Long.MAX_VALUE, Long.MIN_VALUE,
                true, false, "", "plain ascii / text ~", "x".repeat(5000))) {
            assertArrayEquals(jackson.writeValueAsBytes(value), ScalarJson.encode(value), String.valueOf(value));
        }
    }

    @Test
    void leavesToJacksonWhatNeedsEscapingOrIsNoPlainScalar() {
        for (Object value : List.of("quote \"", "back\\slash", "tab\t", "caf\u00e9", "\u007f", 1.5, (short) 3,
                List.of(1))) {
            assertNull(ScalarJson.encode(value), String.valueOf(value));
        }
    }

    @Test
    void readsExactlyWhatJacksonReads() throws Exception {
        for (String json : List.of("0", "-0", "42", "-2147483", "999999999", "-999999999")) {
            assertEquals(jackson.readValue(json, Integer.class), ScalarJson.decode(bytes(json), Integer.class), json);
        }
        for (String json : List.of("0", "9000000000", "-999999999999999999")) {
            assertEquals(jackson.readValue(json, Long.class), ScalarJson.decode(bytes(json), Long.class), json);
        }
        assertEquals(Boolean.TRUE, ScalarJson.decode(bytes("true"), Boolean.class));
        assertEquals(Boolean.FALSE, ScalarJson.decode(bytes("false"), Boolean.class));
        assertEquals("a b", ScalarJson.decode(bytes("\"a b\""), String.class));
        assertEquals("", ScalarJson.decode(bytes("\"\""), String.class));
    }

    @Test
    void leavesToJacksonEverySpellingItCouldReadDifferently() {
        // Leading zeros, signs, spaces, fractions, overflow candidates, quoted numbers, escapes, UTF-8, wrong types.
        for (String json : List.of("007", "+1", " 1", "1 ", "1.0", "1e3", "2147483648", "9999999999", "\"5\"", "", "-")) {
            assertNull(ScalarJson.decode(bytes(json), Integer.class), json);
        }
        assertNull(ScalarJson.decode(bytes("9223372036854775808"), Long.class));
        assertNull(ScalarJson.decode(bytes("TRUE"), Boolean.class));
        assertNull(ScalarJson.decode(bytes("\"a\\\"b\""), String.class));
        assertNull(ScalarJson.decode(bytes("\"caf\u00e9\""), String.class));
        assertNull(ScalarJson.decode(bytes("12"), String.class));
        assertNull(ScalarJson.decode(bytes("12"), Number.class));
    }

    @Test
    void aMapperThatWritesScalarsDifferentlyIsNeverBypassed() {
        assertFalse(ScalarJson
                .agreesWith(new ObjectMapper().configure(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS.mappedFeature(), true)));
        assertFalse(ScalarJson.agreesWith(new ObjectMapper().enable(SerializationFeature.WRAP_ROOT_VALUE)));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
