package io.quarkiverse.session.runtime.values;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.util.TypeLiteral;

import io.quarkiverse.session.SessionTooLargeException;

/**
 * The values of one session as a request (or a background job) sees them: the values loaded from the store, overlaid
 * with the changes made since. Only the changes are written back, key by key.
 * <p>
 * The size of a session is the sum, over its keys, of the UTF-8 bytes of the key and of its encoded value, counted on
 * the values as they are now (loaded ones included). A put that would make it larger than
 * {@link SessionValueCodec#maxSessionBytes()} fails before anything changes; a put that does not make the session
 * larger is always accepted, so a session loaded above a lowered limit can still be trimmed.
 */
public final class SessionValueChanges {

    private static final long NOT_COUNTED = -1;

    private final SessionValueCodec codec;
    private Map<String, byte[]> loaded;
    // Created on the first change: most requests only read.
    private Map<String, byte[]> puts = Map.of();
    private Set<String> removals = Set.of();
    /** The size of the values as they are now, counted on the first put (most requests never put); then kept. */
    private long size = NOT_COUNTED;

    public SessionValueChanges(SessionValueCodec codec, Map<String, byte[]> loaded) {
        this.codec = codec;
        this.loaded = loaded;
    }

    public <T> T get(String key, Class<T> type) {
        byte[] json = lookup(key);
        return json == null ? null : codec.decode(key, json, type);
    }

    public <T> T get(String key, TypeLiteral<T> type) {
        byte[] json = lookup(key);
        return json == null ? null : codec.decode(key, json, type.getType());
    }

    public void put(String key, Object value) {
        checkKey(key);
        if (value == null) {
            remove(key);
            return;
        }
        byte[] json = codec.encode(key, value);
        size = sizeAfterPut(key, json);
        if (puts.isEmpty()) {
            puts = new HashMap<>(4);
        }
        puts.put(key, json);
        if (!removals.isEmpty()) {
            removals.remove(key);
        }
    }

    public void remove(String key) {
        checkKey(key);
        if (size != NOT_COUNTED) {
            size -= entrySize(key, lookup(key));
        }
        if (!puts.isEmpty()) {
            puts.remove(key);
        }
        // Always recorded, even for a key this request never saw: a concurrent request may have added it.
        if (removals.isEmpty()) {
            removals = new HashSet<>(4);
        }
        removals.add(key);
    }

    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(loaded.keySet());
        keys.removeAll(removals);
        keys.addAll(puts.keySet());
        return Collections.unmodifiableSet(keys);
    }

    /** The values as they are now: the loaded ones with the changes applied. */
    public Map<String, byte[]> merged() {
        if (puts.isEmpty() && removals.isEmpty()) {
            return loaded;
        }
        Map<String, byte[]> merged = new LinkedHashMap<>(loaded);
        merged.keySet().removeAll(removals);
        merged.putAll(puts);
        return merged;
    }

    /** Forgets the loaded values and all changes: the values of a new, empty session. */
    public void clear() {
        loaded = Map.of();
        puts = Map.of();
        removals = Set.of();
        size = 0;
    }

    public boolean hasChanges() {
        return !puts.isEmpty() || !removals.isEmpty();
    }

    public Map<String, byte[]> puts() {
        return puts;
    }

    public Set<String> removals() {
        return removals;
    }

    /**
     * The size the session will have once {@code key} holds {@code json}.
     *
     * @throws SessionTooLargeException if that is more than the limit, and more than the session's size now
     */
    private long sizeAfterPut(String key, byte[] json) {
        long before = size == NOT_COUNTED ? sizeOf(merged()) : size;
        long after = before - entrySize(key, lookup(key)) + entrySize(key, json);
        long limit = codec.maxSessionBytes();
        if (after > limit && after > before) {
            // Sizes and the key only: the value is user data, and this message is logged.
            throw new SessionTooLargeException("Cannot put session key '" + key + "': the session would take " + after
                    + " bytes of encoded keys and values, more than quarkus.session.max-size allows (" + limit
                    + " bytes). The session is left as it was; store less in it, or raise the limit.");
        }
        return after;
    }

    private static long sizeOf(Map<String, byte[]> values) {
        long size = 0;
        for (Map.Entry<String, byte[]> value : values.entrySet()) {
            size += entrySize(value.getKey(), value.getValue());
        }
        return size;
    }

    /** The bytes a key and its encoded value count for; nothing for a key without a value. */
    private static long entrySize(String key, byte[] json) {
        return json == null ? 0 : utf8Length(key) + json.length;
    }

    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A surrogate pair is 4 bytes: 2 for each half; a lone surrogate is encoded as '?', 1 byte, but counting it
            // as 2 errs on the side of the limit.
            length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return length;
    }

    private byte[] lookup(String key) {
        Objects.requireNonNull(key, "key");
        byte[] json = puts.get(key);
        if (json != null || removals.contains(key)) {
            return json;
        }
        return loaded.get(key);
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A session key must not be null or empty");
        }
    }
}
