package io.quarkiverse.session.runtime.lifecycle;

import io.quarkiverse.session.spi.SessionKey;

/**
 * Internal: what outlives a request in this application instance, keyed by session, hears here that a session moved to
 * a new key or ended, as the lifecycle learns it (when the store confirmed it, or, for the cookie store, when the
 * request sealed it). Unlike {@code SessionEvent}s these carry the full key, and are not visible to applications.
 * <p>
 * Implementations are CDI beans; they are called on whatever thread the store answered, an event loop included, so they
 * must not block.
 */
public interface SessionKeyListener {

    /** The session stored under {@code from} is now stored under {@code to} (a regenerated ID). */
    void idChanged(SessionKey from, SessionKey to);

    /** The session under {@code key} was destroyed, or found expired and deleted. */
    void ended(SessionKey key);

    /** Every session was deleted at once ({@code Sessions.deleteAll()}, the Dev UI). */
    void allEnded();
}
