package io.quarkiverse.session.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a store holds for one session: its times and its values, each value encoded as UTF-8 JSON.
 *
 * @param createdAt when the session was created
 * @param lastAccessedAt when a request of the session's user last used it
 * @param idleTimeout the idle timeout of this session, or {@code null} for the configured default
 * @param expiresAt when the session expires if it is not used again: the earlier of the idle and absolute deadlines;
 *        stores use it to evict the session (a TTL), the extension enforces it on every load anyway
 * @param values the values, by key, as UTF-8 JSON; neither the map nor the arrays may be modified
 * @param principal the name of the principal this session is bound to (a logged-in user), or {@code null}; stores
 *        that {@linkplain SessionStore#findByPrincipal index sessions by principal} index it
 */
public record SessionRecord(Instant createdAt, Instant lastAccessedAt, Duration idleTimeout, Instant expiresAt,
        Map<String, byte[]> values, String principal) {

    /**
     * A session bound to no principal.
     */
    public SessionRecord(Instant createdAt, Instant lastAccessedAt, Duration idleTimeout, Instant expiresAt,
            Map<String, byte[]> values) {
        this(createdAt, lastAccessedAt, idleTimeout, expiresAt, values, null);
    }

    public SessionRecord {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastAccessedAt, "lastAccessedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(values, "values");
    }

    /**
     * Returns {@code true} if the session has expired at {@code now}.
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
