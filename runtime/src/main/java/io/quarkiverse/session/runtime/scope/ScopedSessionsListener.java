package io.quarkiverse.session.runtime.scope;

import jakarta.inject.Singleton;

import io.quarkiverse.session.runtime.lifecycle.SessionKeyListener;
import io.quarkiverse.session.spi.SessionKey;

/**
 * Keeps the {@code @SessionScoped} beans in step with what the lifecycle learns of sessions: destroyed or expired, by any
 * request or by {@code Sessions}, regenerated, or all deleted. Registered only with the session context.
 */
@Singleton
public class ScopedSessionsListener implements SessionKeyListener {

    private final ScopedSessions sessions = SessionScopeContexts.current().sessions();

    @Override
    public void idChanged(SessionKey from, SessionKey to) {
        sessions.moved(from, to);
    }

    @Override
    public void ended(SessionKey key) {
        sessions.ended(key);
    }

    @Override
    public void allEnded() {
        sessions.allEnded();
    }
}
