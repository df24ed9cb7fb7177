package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.store.filesystem.SessionFileFormat.ValueMode;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;

/** A session as read from or written to its file; mutable, used by one thread. Times are epoch milliseconds. */
final class StoredSession {

    private static final Logger LOG = Logger.getLogger(StoredSession.class);

    long createdAt;
    long lastAccessedAt;
    long expiresAt;
    /** Milliseconds, or {@code null} for the configured default. */
    Long idleTimeout;
    /** The principal the session is bound to, or {@code null}. */
    String principal;
    /** The values, when read with {@link SessionFileFormat.ValueMode#COPY}. */
    final Map<String, byte[]> values = new LinkedHashMap<>();
    /** The keys of the values, when read with {@link SessionFileFormat.ValueMode#KEYS}. */
    final Set<String> keys = new LinkedHashSet<>();

    /**
     * Reads a session's file.
     *
     * @return the session, or {@code null} if there is no file, or it is a link, too large, or cannot be parsed
     * @throws IOException if the file exists but cannot be read
     */
    static StoredSession read(SessionDirectory directory, SessionKey key, ValueMode mode) throws IOException {
        byte[] content;
        try {
            content = directory.readOrNull(key);
        } catch (NotASessionFileException e) {
            LOG.debugf("Session %s: the file is %s, treated as absent", key.shortHash(), e.getMessage());
            return null;
        }
        return content == null ? null : SessionFileFormat.decodeOrNull(key, content, mode);
    }

    /**
     * The principal a session's file names, to find its marker before the file is deleted: {@code null} for none, or if
     * the file cannot be read as a session, whose marker, if any, then dangles until a reader or the sweep deletes it.
     */
    static String principalOf(SessionDirectory directory, SessionKey key) {
        try {
            StoredSession stored = read(directory, key, ValueMode.SKIP);
            return stored == null ? null : stored.principal;
        } catch (IOException e) {
            // Not a regular file (a pipe), or unreadable: deleted all the same, as before there was an index.
            return null;
        }
    }

    static StoredSession of(SessionRecord record) {
        StoredSession stored = new StoredSession();
        stored.createdAt = record.createdAt().toEpochMilli();
        stored.lastAccessedAt = record.lastAccessedAt().toEpochMilli();
        stored.expiresAt = record.expiresAt().toEpochMilli();
        stored.idleTimeout = record.idleTimeout() == null ? null : record.idleTimeout().toMillis();
        stored.values.putAll(record.values());
        stored.principal = record.principal();
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
        if (update.rebinds()) {
            principal = update.principal();
        }
    }

    SessionRecord toRecord() {
        return new SessionRecord(Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccessedAt),
                idleTimeout == null ? null : Duration.ofMillis(idleTimeout), Instant.ofEpochMilli(expiresAt),
                Collections.unmodifiableMap(values), principal);
    }

    SessionSummary toSummary(SessionKey key) {
        return new SessionSummary(key, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccessedAt),
                Instant.ofEpochMilli(expiresAt), Set.copyOf(keys), principal);
    }
}
