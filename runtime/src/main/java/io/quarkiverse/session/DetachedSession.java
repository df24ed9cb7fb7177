package io.quarkiverse.session;

import java.time.Duration;
import java.time.Instant;

/**
 * A session loaded by ID outside of its HTTP requests, for example by a background job, with
 * {@link Sessions#findById(String)}. Changes are kept in memory until {@link Sessions#save(DetachedSession)} is called;
 * only the keys that changed are written, so requests of the session's user that change other keys meanwhile keep
 * their changes.
 * <p>
 * Loading and saving by ID does not count as activity of the user: it neither extends nor resets the session's idle
 * timeout.
 */
public interface DetachedSession extends SessionValues {

    /**
     * Returns the ID this session was loaded with.
     */
    String id();

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
