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

/**
 * The values of one session as a request (or a background job) sees them: the values loaded from the store, overlaid
 * with the changes made since. Only the changes are written back, key by key.
 */
public final class SessionValueChanges {

    private final SessionValueCodec codec;
    private Map<String, byte[]> loaded;
    // Created on the first change: most requests only read.
    private Map<String, byte[]> puts = Map.of();
    private Set<String> removals = Set.of();

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
