package io.quarkiverse.session.runtime.store.filesystem;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;

/** A session as read from or written to its file; mutable, used by one thread. Times are epoch milliseconds. */
final class StoredSession {

    long createdAt;
    long lastAccessedAt;
    long expiresAt;
    /** Milliseconds, or {@code null} for the configured default. */
    Long idleTimeout;
    /** The values, when read with {@link SessionFileFormat.ValueMode#COPY}. */
    final Map<String, byte[]> values = new LinkedHashMap<>();
    /** The keys of the values, when read with {@link SessionFileFormat.ValueMode#KEYS}. */
    final Set<String> keys = new LinkedHashSet<>();

    static StoredSession of(SessionRecord record) {
        StoredSession stored = new StoredSession();
        stored.createdAt = record.createdAt().toEpochMilli();
        stored.lastAccessedAt = record.lastAccessedAt().toEpochMilli();
        stored.expiresAt = record.expiresAt().toEpochMilli();
        stored.idleTimeout = record.idleTimeout() == null ? null : record.idleTimeout().toMillis();
        stored.values.putAll(record.values());
        return stored;
    }

    void apply(SessionUpdate update) {
        if (update.lastAccessedAt() != null) {
            lastAccessedAt = update.lastAccessedAt().toEpochMilli();
        }
        if (update.expiresAt() != null) {
            expiresAt = update.expiresAt().toEpochMilli();
        }
        if (update.idleTimeout() != null) {
            idleTimeout = update.idleTimeout().toMillis();
        }
        // Removals first: a key both removed and put by one request ends with the put, as in the memory store.
        values.keySet().removeAll(update.removals());
        values.putAll(update.puts());
    }

    SessionRecord toRecord() {
        return new SessionRecord(Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccessedAt),
                idleTimeout == null ? null : Duration.ofMillis(idleTimeout), Instant.ofEpochMilli(expiresAt),
                Collections.unmodifiableMap(values));
    }

    SessionSummary toSummary(SessionKey key) {
        return new SessionSummary(key, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccessedAt),
                Instant.ofEpochMilli(expiresAt), Set.copyOf(keys));
    }
}
