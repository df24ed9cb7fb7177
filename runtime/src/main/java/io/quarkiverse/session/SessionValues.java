package io.quarkiverse.session;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.util.TypeLiteral;

/**
 * The values of a session: named, typed, encoded as JSON.
 * <p>
 * A value is encoded when it is {@linkplain #put(String, Object) put}: what is saved is a snapshot of the value at that
 * moment, so a value changed after {@code put} must be put again. Reading decodes the stored JSON into the requested
 * type each time, so two reads never share an instance. Java serialization is never used.
 * <p>
 * Strings, numbers, booleans, lists, maps, records and POJOs that Jackson can encode are supported. In a native
 * executable, application types must be registered for reflection (see the extension's documentation).
 */
public interface SessionValues {

    /**
     * Returns the value stored under {@code key}, decoded as {@code type}.
     *
     * @return the value, or {@code null} when the session has no value under this key
     * @throws IllegalArgumentException if the stored value cannot be decoded as {@code type}
     */
    <T> T get(String key, Class<T> type);

    /**
     * Returns the value stored under {@code key}, decoded as the generic {@code type}, for example
     * {@code session.get("cart", new TypeLiteral<List<CartItem>>() {})}.
     *
     * @return the value, or {@code null} when the session has no value under this key
     * @throws IllegalArgumentException if the stored value cannot be decoded as {@code type}
     */
    <T> T get(String key, TypeLiteral<T> type);

    /**
     * Returns the value stored under {@code key}, decoded as {@code type}, or an empty optional when there is none.
     */
    default <T> Optional<T> find(String key, Class<T> type) {
        return Optional.ofNullable(get(key, type));
    }

    /**
     * Returns the value stored under {@code key}, decoded as the generic {@code type}, or an empty optional when there
     * is none.
     */
    default <T> Optional<T> find(String key, TypeLiteral<T> type) {
        return Optional.ofNullable(get(key, type));
    }

    /**
     * Stores {@code value} under {@code key}, replacing any previous value. A {@code null} value removes the key.
     *
     * @throws IllegalArgumentException if the value cannot be encoded as JSON; the message names the key and the type
     * @throws SessionTooLargeException if the session would then be larger than {@code quarkus.session.max-size}; the
     *         session is left as it was
     */
    void put(String key, Object value);

    /**
     * Removes the value stored under {@code key}, if any.
     */
    void remove(String key);

    /**
     * Returns the keys of this session, as an immutable snapshot.
     */
    Set<String> keys();
}
