package io.quarkiverse.session.runtime.values;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON for the values sessions hold most (counters, flags, plain ASCII strings) without a Jackson parser or generator:
 * those cost more than the rest of a session read or write. Produces exactly the bytes Jackson writes, and reads only
 * the spellings it can decode exactly as Jackson would; anything else goes to Jackson.
 */
public final class ScalarJson {

    private static final byte[] TRUE = { 't', 'r', 'u', 'e' };
    private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

    private ScalarJson() {
    }

    /**
     * Whether a mapper writes and reads scalars as plain JSON, as the application's mapper does unless it was configured
     * otherwise (numbers as strings, custom serializers for {@code Integer}...): only then may it be bypassed.
     */
    static boolean agreesWith(ObjectMapper mapper) {
        try {
            return "-12".equals(mapper.writeValueAsString(-12)) && "9000000000".equals(mapper.writeValueAsString(9000000000L))
                    && "true".equals(mapper.writeValueAsString(true)) && "\"a b\"".equals(mapper.writeValueAsString("a b"))
                    && Integer.valueOf(-12).equals(mapper.readValue("-12", Integer.class))
                    && Long.valueOf(9000000000L).equals(mapper.readValue("9000000000", Long.class))
                    && Boolean.FALSE.equals(mapper.readValue("false", Boolean.class))
                    && "a b".equals(mapper.readValue("\"a b\"", String.class));
        } catch (Exception e) {
            return false;
        }
    }

    /** The JSON of {@code value}, or {@code null} if Jackson must write it. */
    static byte[] encode(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return value.toString().getBytes(StandardCharsets.US_ASCII);
        }
        if (value instanceof Boolean flag) {
            return flag ? TRUE.clone() : FALSE.clone();
        }
        if (value instanceof String text && isPlainAscii(text)) {
            byte[] json = new byte[text.length() + 2];
            json[0] = '"';
            text.getBytes(0, text.length(), json, 1);
            json[json.length - 1] = '"';
            return json;
        }
        return null;
    }

    /** The value of {@code json} as {@code type}, or {@code null} if Jackson must read it. */
    static Object decode(byte[] json, Class<?> type) {
        if (type == Integer.class) {
            return isPlainInteger(json, 9) ? parseInt(json) : null;
        }
        if (type == Long.class) {
            return isPlainInteger(json, 18) ? parseLong(json) : null;
        }
        if (type == Boolean.class) {
            return Arrays.equals(json, TRUE) ? Boolean.TRUE
                    : Arrays.equals(json, FALSE) ? Boolean.FALSE : null;
        }
        if (type == String.class && json.length >= 2 && json[0] == '"' && json[json.length - 1] == '"') {
            for (int i = 1; i < json.length - 1; i++) {
                if (json[i] < 0x20 || json[i] == '"' || json[i] == '\\') {
                    // Escapes, control characters and non-ASCII UTF-8 (negative bytes): Jackson's job.
                    return null;
                }
            }
            return new String(json, 1, json.length - 2, StandardCharsets.US_ASCII);
        }
        return null;
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * An optional minus and 1 to {@code maxDigits} digits, no leading zero: a number Jackson reads exactly, short enough
     * not to overflow the type (longer ones go to Jackson).
     */
    private static boolean isPlainInteger(byte[] json, int maxDigits) {
        int start = json.length > 0 && json[0] == '-' ? 1 : 0;
        int digits = json.length - start;
        if (digits < 1 || digits > maxDigits || (json[start] == '0' && digits > 1)) {
            return false;
        }
        for (int i = start; i < json.length; i++) {
            if (json[i] < '0' || json[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static Integer parseInt(byte[] json) {
        return (int) parseLong(json);
    }

    private static long parseLong(byte[] json) {
        boolean negative = json[0] == '-';
        long value = 0;
        for (int i = negative ? 1 : 0; i < json.length; i++) {
            value = value * 10 + (json[i] - '0');
        }
        return negative ? -value : value;
    }
}
