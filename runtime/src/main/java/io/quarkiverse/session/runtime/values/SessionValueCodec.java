package io.quarkiverse.session.runtime.values;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkiverse.session.runtime.RedactedFailure;

/**
 * Encodes session values as UTF-8 JSON with a copy of the application's {@link ObjectMapper} that has default typing
 * off, and knows how many bytes of them one session may hold. Never Java serialization. A value that cannot be encoded or
 * decoded fails with a message naming the key and the
 * types, never the value.
 * <p>
 * Default typing off: an application may enable polymorphic typing for its own APIs ({@code activateDefaultTyping}),
 * which makes the mapper write class names into JSON and instantiate whatever class a JSON value names. Session values
 * come back from stores and, with the cookie store, from the client (sealed, but a leaked secret or a writable store
 * must not become code execution through a gadget class), so they are written and read without type IDs. Types that
 * declare their own {@code @JsonTypeInfo} keep it: that polymorphism is bounded by the type.
 */
public final class SessionValueCodec {

    private final ObjectMapper mapper;
    /** {@code quarkus.session.max-size}: the encoded keys and values one session may hold, in bytes. */
    private final long maxSessionBytes;
    /** Readers for plain classes, the common case: building one per read costs a type-cache lookup each time. */
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    /** Whether counters, flags and plain strings may skip Jackson: only if the mapper writes them as plain JSON too. */
    private final boolean scalarShortcut;

    public SessionValueCodec(ObjectMapper applicationMapper, long maxSessionBytes) {
        this.mapper = withoutDefaultTyping(applicationMapper);
        this.maxSessionBytes = maxSessionBytes;
        this.scalarShortcut = ScalarJson.agreesWith(mapper);
    }

    long maxSessionBytes() {
        return maxSessionBytes;
    }

    /**
     * A copy of the application's mapper, with all its modules and settings, but default typing off; the mapper itself,
     * if it cannot be copied (a subclass that does not override {@code copy()}) and has no default typing to turn off.
     */
    static ObjectMapper withoutDefaultTyping(ObjectMapper mapper) {
        try {
            return mapper.copy().deactivateDefaultTyping();
        } catch (IllegalStateException e) {
            if (mapper.getDeserializationConfig().getDefaultTyper(mapper.constructType(Object.class)) == null) {
                return mapper;
            }
            throw new IllegalStateException("Session values cannot be encoded with the application's ObjectMapper ("
                    + mapper.getClass().getName() + "): it has default typing on, which must be off for session "
                    + "values, and it cannot be copied to turn it off. Override copy() in that class.", e);
        }
    }

    byte[] encode(String key, Object value) {
        if (scalarShortcut) {
            byte[] json = ScalarJson.encode(value);
            if (json != null) {
                return json;
            }
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException | RuntimeException e) {
            // Jackson's message quotes what it failed on, a getter's message included: the type only, here and below.
            throw new IllegalArgumentException("Cannot store the value of session key '" + key + "': type "
                    + value.getClass().getName() + " cannot be encoded as JSON (" + e.getClass().getName()
                    + "). Store a type Jackson can encode: a record, a POJO with accessors, a collection, a string or a number.",
                    RedactedFailure.of(e));
        }
    }

    <T> T decode(String key, byte[] json, Class<T> type) {
        if (scalarShortcut) {
            Object value = ScalarJson.decode(json, type);
            if (value != null) {
                return type.cast(value);
            }
        }
        return decode(key, json, readers.get(type), type);
    }

    <T> T decode(String key, byte[] json, Type type) {
        return decode(key, json, mapper.readerFor(mapper.constructType(type)), type);
    }

    private static <T> T decode(String key, byte[] json, ObjectReader reader, Type requested) {
        try {
            return reader.readValue(json);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableSessionValueException("Cannot read the value of session key '" + key + "' as "
                    + requested.getTypeName() + " (" + e.getClass().getName() + ")", RedactedFailure.of(e));
        }
    }
}
