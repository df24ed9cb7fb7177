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
 * @param principal the principal the session is bound to after this update, as its writer knows it: the one it was
 *        loaded with, or the one this update binds; {@code null} for none. A store whose principal index has a lifetime
 *        of its own (a Redis set with a TTL) extends it with the session's; without {@code rebinds}, the store keeps
 *        the principal it holds, whatever this says
 * @param rebinds {@code true} if this update binds the session to {@code principal} (or unbinds it, for {@code null}):
 *        the store replaces the principal it holds and moves the session in its index, atomically for the session
 */
public record SessionUpdate(Instant lastAccessedAt, Duration idleTimeout, Instant expiresAt, Map<String, byte[]> puts,
        Set<String> removals, String principal, boolean rebinds) {

    public SessionUpdate {
        Objects.requireNonNull(puts, "puts");
        Objects.requireNonNull(removals, "removals");
    }

    /**
     * An update of a session bound to no principal, which binds none.
     */
    public SessionUpdate(Instant lastAccessedAt, Duration idleTimeout, Instant expiresAt, Map<String, byte[]> puts,
            Set<String> removals) {
        this(lastAccessedAt, idleTimeout, expiresAt, puts, removals, null, false);
    }

    /**
     * Returns {@code true} if this update changes no value, and not the principal: only times (a request that read the
     * session).
     */
    public boolean isTouchOnly() {
        return puts.isEmpty() && removals.isEmpty() && idleTimeout == null && !rebinds;
    }
}
