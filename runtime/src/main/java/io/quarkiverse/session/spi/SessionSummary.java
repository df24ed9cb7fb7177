package io.quarkiverse.session.spi;

import java.time.Instant;
import java.util.Set;

/**
 * One session as tools list it: no values, and only the hash of its ID.
 *
 * @param key the store key (hash of the ID)
 * @param createdAt when the session was created
 * @param lastAccessedAt when it was last used
 * @param expiresAt when it expires if not used again
 * @param keys the keys of its values
 * @param principal the principal it is bound to, or {@code null}
 */
public record SessionSummary(SessionKey key, Instant createdAt, Instant lastAccessedAt, Instant expiresAt,
        Set<String> keys, String principal) {

    /**
     * A session bound to no principal, or listed by a store that does not say.
     */
    public SessionSummary(SessionKey key, Instant createdAt, Instant lastAccessedAt, Instant expiresAt, Set<String> keys) {
        this(key, createdAt, lastAccessedAt, expiresAt, keys, null);
    }
}
