package io.quarkiverse.session.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The changes one request (or one {@code save} by ID) made to an existing session. Stores apply them key by key, so
 * that concurrent updates of different keys all survive.
 *
 * @param lastAccessedAt the new last-access time, or {@code null} to keep the stored one (saves by ID from background
 *        work are not user activity)
 * @param idleTimeout the new idle timeout of this session, or {@code null} to keep the stored one
 * @param expiresAt the new expiry deadline, or {@code null} to keep the stored one
 * @param puts the values to set, by key, as UTF-8 JSON
 * @param removals the keys to remove
 */
public record SessionUpdate(Instant lastAccessedAt, Duration idleTimeout, Instant expiresAt, Map<String, byte[]> puts,
        Set<String> removals) {

    public SessionUpdate {
        Objects.requireNonNull(puts, "puts");
        Objects.requireNonNull(removals, "removals");
    }

    /**
     * Returns {@code true} if this update changes no value: only times (a request that read the session).
     */
    public boolean isTouchOnly() {
        return puts.isEmpty() && removals.isEmpty() && idleTimeout == null;
    }
}
