package io.quarkiverse.session.runtime.store.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
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

    CookieRequestSession(SessionLifecycle lifecycle, RoutingContext request, CookieSessionCodec codec) {
        super(lifecycle, request);
        this.codec = codec;
    }

    @Override
    public CompletableFuture<Void> resolveAsync() {
        if (resolved) {
            return DONE;
        }
        String sent = lifecycle.idSource().read(request);
        CookieSession sealed = sent == null ? null : codec.open(sent);
        if (sealed != null) {
            Duration idle = sealed.idleTimeoutMillis() == 0 ? null : Duration.ofMillis(sealed.idleTimeoutMillis());
            Instant created = Instant.ofEpochMilli(sealed.createdAt());
            Instant lastAccess = Instant.ofEpochMilli(sealed.lastAccessedAt());
            // The times travel sealed in the cookie, so expiry holds even for a cookie the client keeps forever.
            if (!lifecycle.isExpired(created, lastAccess, idle)) {
                resolveAsExisting(sent, sealed.id(), created, lastAccess, idle, sealed.values());
                return DONE;
            }
            LOG.debug("Ignoring an expired session cookie");
        }
        // A cookie that does not open is cleared when the session is used.
        resolveAsNew(sent);
        return DONE;
    }

    @Override
    protected CompletableFuture<Void> save(Instant now) {
        boolean exists = !isNew;
        if (exists && isUnchangedRecentUse(now)) {
            return DONE;
        }
        if (exists || !values.puts().isEmpty()) {
            if (id == null) {
                assignNewId();
            }
            String value;
            try {
                value = codec.seal(new CookieSession(id, createdAt.toEpochMilli(), now.toEpochMilli(),
                        idleOverride == null ? 0 : idleOverride.toMillis(), values.merged()));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            writeId(value);
        } else if (sentId != null || ended) {
            clearId();
        }
        return DONE;
    }
}
