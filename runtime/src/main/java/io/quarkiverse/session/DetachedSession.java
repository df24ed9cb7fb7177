package io.quarkiverse.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A session loaded outside of its HTTP requests, for example by a background job, with
 * {@link Sessions#findById(String)} or {@link Sessions#findByPrincipal(String)}. Changes are kept in memory until
 * {@link Sessions#save(DetachedSession)} is called;
 * only the keys that changed are written, so requests of the session's user that change other keys meanwhile keep
 * their changes.
 * <p>
 * Loading and saving by ID does not count as activity of the user: it neither extends nor resets the session's idle
 * timeout.
 */
public interface DetachedSession extends SessionValues {

    /**
     * Returns the ID this session was loaded with by {@link Sessions#findById(String)}, or {@code null} for a session
     * found by {@link Sessions#findByPrincipal(String)}: stores keep only the hash of IDs.
     */
    String id();

    /**
     * Returns a reference to this session that is safe to show to its user, for a page that lists their devices: the
     * hash of its ID, which cannot be turned back into the ID. Equal to the {@link Session#handle()} of the same session
     * in a request of its user.
     */
    String handle();

    /**
     * Returns the name of the principal this session is bound to, if any.
     */
    Optional<String> principal();

    /**
     * Returns when this session was created.
     */
    Instant createdAt();

    /**
     * Returns when this session was last used by a request of its user.
     */
    Instant lastAccessedAt();

    /**
     * Overrides the idle timeout of this session; saved with the other changes.
     *
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    void setIdleTimeout(Duration idleTimeout);
}
