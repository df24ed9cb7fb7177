package io.quarkiverse.session.runtime.scope;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkus.runtime.BlockingOperationControl;

/**
 * The {@code @SessionScoped} beans of every session that has some in this application instance, by the session's key.
 * <p>
 * Invariants: a key maps to the beans of the session stored under it, or to nothing; beans leave the map before they are
 * destroyed, so a request that finds them destroyed binds again; destruction, which runs the application's
 * {@code @PreDestroy} code, never runs on an event-loop thread once a worker executor is set.
 */
final class ScopedSessions {

    private final Map<SessionKey, SessionBeans> bySession = new ConcurrentHashMap<>();
    private volatile Executor worker;

    /**
     * Where destruction runs when it is asked for on a thread that must not block.
     */
    void useWorker(Executor worker) {
        this.worker = worker;
    }

    SessionBeans bind(SessionKey key, Instant expiresAt) {
        return bySession.computeIfAbsent(key, ignored -> new SessionBeans(expiresAt));
    }

    SessionBeans find(SessionKey key) {
        return bySession.get(key);
    }

    int size() {
        return bySession.size();
    }

    /**
     * The session under {@code from} is now under {@code to}: its beans follow it, the same instances.
     */
    void moved(SessionKey from, SessionKey to) {
        SessionBeans beans = bySession.remove(from);
        if (beans != null) {
            place(to, beans);
        }
    }

    /**
     * As {@link #moved(SessionKey, SessionKey)}, if {@code from} still holds these beans: nothing if the move was made
     * already, or the session ended meanwhile.
     */
    void moved(SessionKey from, SessionKey to, SessionBeans beans) {
        if (bySession.remove(from, beans)) {
            place(to, beans);
        }
    }

    private void place(SessionKey to, SessionBeans beans) {
        SessionBeans displaced = bySession.put(to, beans);
        if (displaced != null && displaced != beans) {
            destroyOffEventLoop(displaced);
        }
    }

    void ended(SessionKey key) {
        SessionBeans beans = bySession.remove(key);
        if (beans != null) {
            destroyOffEventLoop(beans);
        }
    }

    /**
     * Ends these beans of a session, and unmaps them if {@code key} still holds them.
     */
    void ended(SessionKey key, SessionBeans beans) {
        bySession.remove(key, beans);
        destroyOffEventLoop(beans);
    }

    void allEnded() {
        for (SessionKey key : bySession.keySet()) {
            ended(key);
        }
    }

    /**
     * Destroys the beans of sessions whose deadline has passed, on the calling thread, which is a worker.
     *
     * @return how many sessions' beans were destroyed
     */
    int sweep(Instant now) {
        long nowMillis = now.toEpochMilli();
        int swept = 0;
        for (Iterator<Map.Entry<SessionKey, SessionBeans>> entries = bySession.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<SessionKey, SessionBeans> entry = entries.next();
            if (entry.getValue().isExpiredAt(nowMillis) && bySession.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().destroy();
                swept++;
            }
        }
        return swept;
    }

    /**
     * Destroys every session's beans on the calling thread: the application stops.
     */
    void destroyAll() {
        for (SessionKey key : bySession.keySet()) {
            SessionBeans beans = bySession.remove(key);
            if (beans != null) {
                beans.destroy();
            }
        }
    }

    private void destroyOffEventLoop(SessionBeans beans) {
        Executor executor = worker;
        if (executor == null || BlockingOperationControl.isBlockingAllowed()) {
            beans.destroy();
        } else {
            executor.execute(beans::destroy);
        }
    }
}
