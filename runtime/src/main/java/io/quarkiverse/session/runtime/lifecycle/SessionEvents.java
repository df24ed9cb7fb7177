package io.quarkiverse.session.runtime.lifecycle;

import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionEvent;
import io.quarkiverse.session.SessionEvent.Type;
import io.quarkiverse.session.spi.SessionKey;

/**
 * Fires {@link SessionEvent}s to the application's observers: synchronously if it has synchronous observers,
 * asynchronously if it has asynchronous ones; and tells the internal {@link SessionKeyListener}s, if any, of sessions
 * that moved or ended. With neither, {@link #isObserved()} is false and the lifecycle calls nothing here: no event, no
 * hash, no cost.
 * <p>
 * An observer that fails is logged and does not fail the request: the session's change has happened already.
 */
public final class SessionEvents {

    static final SessionEvents NONE = new SessionEvents(null, false, false, List.of());
    private static final Logger LOG = Logger.getLogger(SessionEvents.class);

    private final Event<SessionEvent> event;
    private final boolean synchronous;
    private final boolean asynchronous;
    private final List<SessionKeyListener> listeners;

    private SessionEvents(Event<SessionEvent> event, boolean synchronous, boolean asynchronous,
            List<SessionKeyListener> listeners) {
        this.event = event;
        this.synchronous = synchronous;
        this.asynchronous = asynchronous;
        this.listeners = listeners;
    }

    /**
     * The events of an application, or {@link #NONE} if nothing observes them.
     */
    static SessionEvents of(Event<SessionEvent> event, BeanManager beans, List<SessionKeyListener> listeners) {
        boolean synchronous = false;
        boolean asynchronous = false;
        for (ObserverMethod<?> observer : beans.resolveObserverMethods(new SessionEvent(Type.CREATED, "", null))) {
            if (observer.isAsync()) {
                asynchronous = true;
            } else {
                synchronous = true;
            }
        }
        return synchronous || asynchronous || !listeners.isEmpty()
                ? new SessionEvents(event, synchronous, asynchronous, List.copyOf(listeners))
                : NONE;
    }

    public boolean isObserved() {
        return this != NONE;
    }

    private boolean firesEvents() {
        return synchronous || asynchronous;
    }

    void created(SessionKey key) {
        if (firesEvents()) {
            fire(new SessionEvent(Type.CREATED, key.shortHash(), null));
        }
    }

    void idChanged(SessionKey from, SessionKey to) {
        for (SessionKeyListener listener : listeners) {
            listener.idChanged(from, to);
        }
        if (firesEvents()) {
            fire(new SessionEvent(Type.ID_CHANGED, to.shortHash(), from.shortHash()));
        }
    }

    void destroyed(SessionKey key) {
        tellEnded(key);
        if (firesEvents()) {
            fire(new SessionEvent(Type.DESTROYED, key.shortHash(), null));
        }
    }

    void expired(SessionKey key) {
        tellEnded(key);
        if (firesEvents()) {
            fire(new SessionEvent(Type.EXPIRED, key.shortHash(), null));
        }
    }

    /** Every session was deleted at once: only the internal listeners hear it; it is not a {@link SessionEvent}. */
    void allDestroyed() {
        for (SessionKeyListener listener : listeners) {
            listener.allEnded();
        }
    }

    private void tellEnded(SessionKey key) {
        for (SessionKeyListener listener : listeners) {
            listener.ended(key);
        }
    }

    /** Fires an event of a session that lives at the client (the cookie store), named by its ID's key. */
    public void fireFor(Type type, String sessionId, String previousSessionId) {
        if (!listeners.isEmpty()) {
            if (type == Type.ID_CHANGED) {
                SessionKey to = SessionKey.ofSessionId(sessionId);
                SessionKey from = SessionKey.ofSessionId(previousSessionId);
                for (SessionKeyListener listener : listeners) {
                    listener.idChanged(from, to);
                }
            } else if (type == Type.DESTROYED || type == Type.EXPIRED) {
                tellEnded(SessionKey.ofSessionId(sessionId));
            }
        }
        if (firesEvents()) {
            fire(new SessionEvent(type, SessionKey.ofSessionId(sessionId).shortHash(),
                    previousSessionId == null ? null : SessionKey.ofSessionId(previousSessionId).shortHash()));
        }
    }

    private void fire(SessionEvent fired) {
        if (synchronous) {
            try {
                event.fire(fired);
            } catch (RuntimeException e) {
                LOG.warnf("An observer of %s failed (%s)", fired, e.getClass().getName());
                LOG.debug("Session event observer failure", e);
            }
        }
        if (asynchronous) {
            event.fireAsync(fired).exceptionally(failure -> {
                LOG.warnf("An asynchronous observer of %s failed (%s)", fired, failure.getClass().getName());
                return null;
            });
        }
    }
}
