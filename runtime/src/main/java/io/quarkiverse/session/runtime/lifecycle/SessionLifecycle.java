package io.quarkiverse.session.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.http.SessionCookie;
import io.quarkiverse.session.runtime.store.ImmediateSessionStore;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionStore;
import io.quarkiverse.session.runtime.values.SessionValueCodec;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * What every session, in a request or loaded by ID, goes through: loading with server-side expiry, the encoding of
 * values, and the calls to the store, whose failures become {@link SessionStoreException}s.
 */
@Singleton
public class SessionLifecycle {

    private static final Logger LOG = Logger.getLogger(SessionLifecycle.class);
    private static final Duration MAX_TOUCH_GRANULARITY = Duration.ofMinutes(1);
    private static final CompletableFuture<Boolean> TRUE = CompletableFuture.completedFuture(true);
    private static final CompletableFuture<Boolean> FALSE = CompletableFuture.completedFuture(false);

    private final SessionStore store;
    /** The store, if it answers at once; else null. */
    private final ImmediateSessionStore immediateStore;
    private final SessionValueCodec codec;
    private final SessionCookie cookie;
    private final Duration idleTimeout;
    /** {@link #touchGranularity} of sessions with the configured idle timeout, computed once: it is asked per request. */
    private final Duration defaultTouchGranularity;
    private final Optional<Duration> absoluteTimeout;
    private final CookieSessionCodec cookieCodec;

    @Inject
    SessionLifecycle(SessionStore store, ObjectMapper mapper, SessionConfig config) {
        this.store = store;
        this.immediateStore = store instanceof ImmediateSessionStore immediate ? immediate : null;
        this.codec = new SessionValueCodec(mapper);
        this.cookie = new SessionCookie(config.cookie());
        this.idleTimeout = config.idleTimeout();
        this.defaultTouchGranularity = touchGranularityOf(idleTimeout);
        this.absoluteTimeout = config.absoluteTimeout();
        this.cookieCodec = store instanceof CookieSessionStore cookieStore ? cookieStore.codec() : null;
    }

    /**
     * The codec of the cookie store, or {@code null} when sessions are kept on the server.
     */
    CookieSessionCodec cookieCodec() {
        return cookieCodec;
    }

    SessionValueCodec codec() {
        return codec;
    }

    SessionCookie cookie() {
        return cookie;
    }

    Instant now() {
        // Stores keep milliseconds; and unlike Clock.instant(), currentTimeMillis is an intrinsic, not a native call.
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    /**
     * How often a session that is only read records its use: a twentieth of its idle timeout, at most a minute.
     */
    Duration touchGranularity(Duration idleOverride) {
        return idleOverride == null ? defaultTouchGranularity : touchGranularityOf(idleOverride);
    }

    private static Duration touchGranularityOf(Duration idleTimeout) {
        Duration twentieth = Duration.ofMillis(Math.max(1, idleTimeout.toMillis() / 20));
        return twentieth.compareTo(MAX_TOUCH_GRANULARITY) > 0 ? MAX_TOUCH_GRANULARITY : twentieth;
    }

    /**
     * Checks a per-session idle timeout, as set through {@code Session} or {@code DetachedSession}.
     */
    static void checkIdleTimeout(Duration idleTimeout) {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("A session idle timeout must be positive, got " + idleTimeout);
        }
    }

    Duration idleTimeoutOf(Duration override) {
        return override != null ? override : idleTimeout;
    }

    /**
     * The moment a session expires if it is not used again: the earlier of its idle and absolute deadlines.
     */
    Instant expiresAt(Instant createdAt, Instant lastAccessedAt, Duration idleOverride) {
        Instant idleDeadline = lastAccessedAt.plus(idleTimeoutOf(idleOverride));
        if (absoluteTimeout.isPresent()) {
            Instant absoluteDeadline = createdAt.plus(absoluteTimeout.get());
            return absoluteDeadline.isBefore(idleDeadline) ? absoluteDeadline : idleDeadline;
        }
        return idleDeadline;
    }

    /**
     * Whether every store operation completes before it returns (the memory and cookie stores): then sessions are
     * loaded lazily on first use, on any thread, and nothing needs to be loaded before an event-loop endpoint.
     */
    boolean answersImmediately() {
        return immediateStore != null || cookieCodec != null;
    }

    /**
     * Loads a session; an expired one is treated as absent, whatever the store returned, since the configured
     * timeouts may be shorter than the ones the session was stored with.
     */
    CompletableFuture<SessionRecord> load(SessionKey key) {
        if (immediateStore != null) {
            try {
                return CompletableFuture.completedFuture(unlessExpired(key, immediateStore.loadNow(key)));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(storeFailure(e, "load", key));
            }
        }
        return later(() -> store.load(key), "load", key).thenApply(record -> unlessExpired(key, record));
    }

    private SessionRecord unlessExpired(SessionKey key, SessionRecord record) {
        if (record == null) {
            return null;
        }
        Instant now = now();
        if (record.isExpiredAt(now)
                || !now.isBefore(expiresAt(record.createdAt(), record.lastAccessedAt(), record.idleTimeout()))) {
            LOG.debugf("Session %s has expired", key.shortHash());
            return null;
        }
        return record;
    }

    CompletableFuture<Void> create(SessionKey key, SessionRecord record) {
        if (immediateStore != null) {
            try {
                immediateStore.createNow(key, record);
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(storeFailure(e, "create", key));
            }
        }
        return later(() -> store.create(key, record), "create", key);
    }

    CompletableFuture<Boolean> update(SessionKey key, SessionUpdate update) {
        if (immediateStore != null) {
            try {
                return immediateStore.updateNow(key, update) ? TRUE : FALSE;
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(storeFailure(e, "update", key));
            }
        }
        return later(() -> store.update(key, update), "update", key);
    }

    CompletableFuture<Boolean> changeKey(SessionKey from, SessionKey to) {
        if (immediateStore != null) {
            try {
                return immediateStore.changeKeyNow(from, to) ? TRUE : FALSE;
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(storeFailure(e, "change the ID of", from));
            }
        }
        return later(() -> store.changeKey(from, to), "change the ID of", from);
    }

    CompletableFuture<Boolean> delete(SessionKey key) {
        if (immediateStore != null) {
            try {
                return immediateStore.deleteNow(key) ? TRUE : FALSE;
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(storeFailure(e, "delete", key));
            }
        }
        return later(() -> store.delete(key), "delete", key);
    }

    /**
     * Names the failure by its type only: a store's own message may carry the full key hash, a file path or a value,
     * and this message reaches the WARN log of every failing request.
     */
    private static SessionStoreException storeFailure(Throwable failure, String verb, SessionKey key) {
        return failure instanceof SessionStoreException known ? known
                : new SessionStoreException("The session store failed to " + verb + " session " + key.shortHash() + " ("
                        + failure.getClass().getName() + ")", failure);
    }

    /**
     * Runs an asynchronous store operation. A store over a blocking API completes on a worker thread; an event-loop
     * caller (a load before a {@code @NonBlocking} endpoint) continues on its own event loop. Results that arrive on the
     * calling thread are passed on as they are.
     */
    private static <T> CompletableFuture<T> later(Supplier<Uni<T>> call, String verb, SessionKey key) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = Vertx.currentContext();
        Context callerEventLoop = context != null && Context.isOnEventLoopThread() ? context : null;
        Thread caller = Thread.currentThread();
        try {
            call.get().subscribe().with(
                    item -> settle(result, item, null, callerEventLoop, caller),
                    failure -> settle(result, null, storeFailure(failure, verb, key), callerEventLoop, caller));
        } catch (RuntimeException e) {
            result.completeExceptionally(storeFailure(e, verb, key));
        }
        return result;
    }

    private static <T> void settle(CompletableFuture<T> result, T item, Throwable failure, Context callerEventLoop,
            Thread caller) {
        if (callerEventLoop == null || Thread.currentThread() == caller) {
            complete(result, item, failure);
        } else {
            callerEventLoop.runOnContext(ignored -> complete(result, item, failure));
        }
    }

    private static <T> void complete(CompletableFuture<T> result, T item, Throwable failure) {
        if (failure == null) {
            result.complete(item);
        } else {
            result.completeExceptionally(failure);
        }
    }
}
