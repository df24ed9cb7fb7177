package io.quarkiverse.session.runtime.store.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionEvent.Type;
import io.quarkiverse.session.runtime.http.IdSourceChain;
import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.lifecycle.SessionEvents;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.runtime.metrics.RejectionReason;
import io.quarkiverse.session.runtime.metrics.SessionMetrics;
import io.quarkiverse.session.runtime.metrics.StoreOperation;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec.CookieSession;
import io.vertx.ext.web.RoutingContext;

/**
 * The session of a request, held by the client: the whole session travels sealed in the cookie, and saving is sealing
 * it into the response's cookie.
 * <p>
 * Invariants: a cookie is adopted only if it opens (authenticated decryption) and has not expired by the times sealed
 * in it; a session that exists is sealed again whenever it changed, and when only read at most once per touch period,
 * so that its last-access time, and thus its idle timeout, moves with it.
 */
final class CookieRequestSession extends RequestSession {

    private static final Logger LOG = Logger.getLogger(CookieRequestSession.class);

    private final CookieSessionCodec codec;
    /** The ID of the session the cookie held, for the events of its end or its new ID. */
    private String loadedId;

    CookieRequestSession(SessionLifecycle lifecycle, RoutingContext request, CookieSessionCodec codec) {
        super(lifecycle, request);
        this.codec = codec;
    }

    @Override
    public CompletableFuture<Void> resolveAsync() {
        if (resolved) {
            return DONE;
        }
        IdSourceChain sources = lifecycle.idSources();
        SessionMetrics metrics = lifecycle.metrics();
        String first = null;
        for (int skip = 0; skip < IdSourceChain.MAX_CANDIDATES; skip++) {
            String sent = sources.read(request, CookieSessionCodec::isPlausible, skip);
            if (sent == null) {
                break;
            }
            first = first == null ? sent : first;
            CookieSession sealed = open(sent, metrics);
            if (sealed != null) {
                Duration idle = sealed.idleTimeoutMillis() == 0 ? null : Duration.ofMillis(sealed.idleTimeoutMillis());
                Instant created = Instant.ofEpochMilli(sealed.createdAt());
                Instant lastAccess = Instant.ofEpochMilli(sealed.lastAccessedAt());
                // The times travel sealed in the cookie, so expiry holds even for a cookie the client keeps forever.
                if (!lifecycle.isExpired(created, lastAccess, idle)) {
                    loadedId = sealed.id();
                    resolveAsExisting(sent, sealed.id(), created, lastAccess, idle, sealed.values(), null);
                    return DONE;
                }
                LOG.debug("Ignoring an expired session cookie");
                metrics.rejected(RejectionReason.EXPIRED);
            }
        }
        if (first == null) {
            first = sources.anyValue(request);
            if (first != null) {
                LOG.debug("Ignoring a session cookie that is not a sealed session");
                metrics.rejected(RejectionReason.MALFORMED);
            }
        }
        // A value that does not open is cleared when the session is used.
        resolveAsNew(first);
        return DONE;
    }

    private CookieSession open(String sent, SessionMetrics metrics) {
        if (!metrics.timesStoreCalls()) {
            return codec.open(sent, metrics);
        }
        long start = System.nanoTime();
        CookieSession sealed = codec.open(sent, metrics);
        metrics.storeCall(StoreOperation.LOAD, System.nanoTime() - start);
        return sealed;
    }

    @Override
    public void bindPrincipal(String name) {
        throw new UnsupportedOperationException("The cookie store cannot bind a session to a principal: its sessions are "
                + "held by the clients, so they cannot be found or ended on the server. Choose a server-side store "
                + "(quarkus.session.store=memory, filesystem, redis or postgresql) to log users out everywhere");
    }

    @Override
    protected CompletableFuture<Void> save(Instant now) {
        boolean exists = !isNew;
        if (exists && isUnchangedRecentUse(now)) {
            return DONE;
        }
        SessionMetrics metrics = lifecycle.metrics();
        SessionEvents events = lifecycle.events();
        if (ended) {
            metrics.destroyed();
            events.fireFor(Type.DESTROYED, loadedId, null);
        }
        if (exists || !values.puts().isEmpty() || retained) {
            boolean regenerated = exists && idChanged;
            if (id == null) {
                assignNewId();
            }
            StoreOperation operation = exists ? StoreOperation.UPDATE : StoreOperation.CREATE;
            boolean timed = metrics.timesStoreCalls();
            long start = timed ? System.nanoTime() : 0;
            String value;
            try {
                value = codec.seal(new CookieSession(id, createdAt.toEpochMilli(), now.toEpochMilli(),
                        idleOverride == null ? 0 : idleOverride.toMillis(), values.merged()));
            } catch (RuntimeException e) {
                // Too large for a cookie: the application's error, not the store's.
                return CompletableFuture.failedFuture(e);
            }
            if (timed) {
                metrics.storeCall(operation, System.nanoTime() - start);
            }
            metrics.saved(value.length());
            if (regenerated) {
                metrics.regenerated();
                events.fireFor(Type.ID_CHANGED, id, loadedId);
            } else if (!exists) {
                metrics.created();
                events.fireFor(Type.CREATED, id, null);
            }
            writeId(value);
        } else if (sentId != null || ended) {
            clearId();
        }
        return DONE;
    }
}
