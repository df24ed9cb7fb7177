package io.quarkiverse.session.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.util.TypeLiteral;

import org.jboss.logging.Logger;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.runtime.values.SessionValueChanges;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The session of one callback of a WebSocket connection: the session whose ID the handshake request carried, loaded
 * from the store before the callback, so that it sees what HTTP requests changed meanwhile, and saved once when the
 * callback has completed.
 * <p>
 * Invariants: a socket never creates a session and never gives the client a new ID, since it cannot set a cookie: a
 * handshake without a session, or a session that was destroyed or expired since, gives an empty session in which
 * writes fail with an {@link IllegalStateException}; a save only updates the stored session, so a session destroyed
 * over HTTP while the callback ran stays destroyed; the store is asked only with the key of a well-formed ID. Only
 * server-side stores: the cookie store keeps the session in a cookie that a socket can neither read again nor write.
 */
public final class SocketSession implements Session {

    private static final Logger LOG = Logger.getLogger(SocketSession.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final String NO_SESSION = "This WebSocket connection has no session: its handshake request carried "
            + "no session ID, or the session was destroyed or has expired since. A WebSocket cannot create a session, "
            + "since it cannot give the client a cookie: create it over HTTP, then open the connection";

    private final SessionLifecycle lifecycle;
    /** The well-formed ID the handshake carried, or {@code null}. */
    private final String id;
    private final SessionKey key;

    private boolean loaded;
    private boolean saved;
    private boolean exists;
    private boolean destroyed;
    private Instant createdAt;
    private Instant lastAccessedAt;
    private Duration idleOverride;
    private boolean idleOverrideChanged;
    private SessionValueChanges values;
    private String principal;
    private boolean principalChanged;

    /**
     * @param handshakeId the well-formed session ID of the handshake request, or {@code null}
     */
    public SocketSession(SessionLifecycle lifecycle, String handshakeId) {
        this.lifecycle = lifecycle;
        this.id = handshakeId;
        this.key = handshakeId == null ? null : SessionKey.ofSessionId(handshakeId);
    }

    /**
     * Loads the session without blocking; complete on return with a store that answers at once.
     *
     * @throws IllegalStateException with the cookie store, which keeps no session a socket could load
     */
    public CompletableFuture<Void> load() {
        if (!lifecycle.storesSessionsOnServer()) {
            throw new IllegalStateException("Session is not available in WebSocket endpoints with the "
                    + lifecycle.storeName() + " store, which keeps the session in a cookie that a WebSocket can neither "
                    + "read again nor write: choose a server-side store (quarkus.session.store)");
        }
        if (key == null) {
            resolveAbsent();
            return DONE;
        }
        return lifecycle.load(key).thenAccept(record -> {
            if (record == null) {
                resolveAbsent();
                return;
            }
            loaded = true;
            exists = true;
            createdAt = record.createdAt();
            lastAccessedAt = record.lastAccessedAt();
            idleOverride = record.idleTimeout();
            principal = record.principal();
            values = new SessionValueChanges(lifecycle.codec(), record.values());
        });
    }

    /**
     * Saves what the callback changed, or deletes the session it destroyed, once; records the callback as a use of the
     * session at most once per touch period, as a request that only reads does. A session that ended meanwhile is
     * not brought back: the changes are dropped.
     */
    public CompletableFuture<Void> save() {
        if (!loaded || saved) {
            return DONE;
        }
        saved = true;
        if (destroyed) {
            return lifecycle.delete(key).thenRun(() -> {
            });
        }
        Instant now = lifecycle.now();
        if (!exists || !values.hasChanges() && !idleOverrideChanged && !principalChanged
                && now.isBefore(lastAccessedAt.plus(lifecycle.touchGranularity(idleOverride)))) {
            return DONE;
        }
        SessionUpdate update = lifecycle.changesOf(now, createdAt, lastAccessedAt, idleOverride, idleOverrideChanged,
                values, principal, principalChanged);
        return lifecycle.update(key, update).thenAccept(updated -> {
            if (!updated) {
                LOG.debugf("Session %s ended while a WebSocket callback used it; its changes were dropped",
                        key.shortHash());
            }
        });
    }

    // ---- Session

    @Override
    public String id() {
        existing();
        return id;
    }

    @Override
    public boolean isNew() {
        loaded();
        return !exists;
    }

    @Override
    public Instant createdAt() {
        loaded();
        return createdAt;
    }

    @Override
    public Instant lastAccessedAt() {
        loaded();
        return lastAccessedAt;
    }

    @Override
    public void setIdleTimeout(Duration idleTimeout) {
        SessionLifecycle.checkIdleTimeout(idleTimeout);
        existing();
        idleOverride = idleTimeout;
        idleOverrideChanged = true;
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        loaded();
        return values.get(key, type);
    }

    @Override
    public <T> T get(String key, TypeLiteral<T> type) {
        loaded();
        return values.get(key, type);
    }

    @Override
    public void put(String key, Object value) {
        existing();
        values.put(key, value);
    }

    @Override
    public void remove(String key) {
        existing();
        values.remove(key);
    }

    @Override
    public Set<String> keys() {
        loaded();
        return values.keys();
    }

    @Override
    public String handle() {
        existing();
        return key.toHex();
    }

    /** Whether this is the session stored under the key. */
    boolean holds(SessionKey candidate) {
        return candidate.equals(key);
    }

    @Override
    public Optional<String> principal() {
        loaded();
        return Optional.ofNullable(principal);
    }

    /**
     * Refused unless the session is bound to this principal already: binding to another one regenerates the ID.
     */
    @Override
    public void bindPrincipal(String name) {
        existing();
        if (!name.equals(principal)) {
            throw noNewId("bind a new principal to");
        }
    }

    @Override
    public void unbindPrincipal() {
        existing();
        if (principal != null) {
            principal = null;
            principalChanged = true;
        }
    }

    @Override
    public void regenerate() {
        throw noNewId("regenerate");
    }

    @Override
    public void reset() {
        throw noNewId("reset");
    }

    /**
     * Deletes the session when the callback completes: the user's HTTP requests no longer find it either. The socket
     * has no session after.
     */
    @Override
    public void destroy() {
        loaded();
        if (exists) {
            exists = false;
            destroyed = true;
            values.clear();
            principal = null;
        }
    }

    @Override
    public String toString() {
        return "SocketSession[" + (key == null ? "none" : key.shortHash()) + "]";
    }

    private void resolveAbsent() {
        loaded = true;
        exists = false;
        createdAt = lifecycle.now();
        lastAccessedAt = createdAt;
        values = new SessionValueChanges(lifecycle.codec(), Map.of());
    }

    private void loaded() {
        if (!loaded) {
            throw new IllegalStateException("The session of a WebSocket callback is used before it was loaded");
        }
        if (saved) {
            throw new IllegalStateException("The session of this WebSocket callback was already saved: use it while "
                    + "the callback runs, or inside the Uni it returns");
        }
    }

    private void existing() {
        loaded();
        if (!exists) {
            throw new IllegalStateException(NO_SESSION);
        }
    }

    private static IllegalStateException noNewId(String operation) {
        return new IllegalStateException("A WebSocket cannot " + operation + " the session: the new ID would have to "
                + "reach the client in a cookie, which a WebSocket cannot set. Do it over HTTP");
    }
}
