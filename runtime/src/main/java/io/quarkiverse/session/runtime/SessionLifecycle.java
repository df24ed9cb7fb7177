package io.quarkiverse.session.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.session.SessionStoreException;
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

    private final SessionStore store;
    private final SessionValueCodec codec;
    private final SessionCookie cookie;
    private final Duration idleTimeout;
    private final Optional<Duration> absoluteTimeout;
    private final Clock clock;
    private final CookieSessionCodec cookieCodec;

    @Inject
    SessionLifecycle(SessionStore store, ObjectMapper mapper, SessionConfig config) {
        this.store = store;
        this.codec = new SessionValueCodec(mapper);
        this.cookie = new SessionCookie(config.cookie());
        this.idleTimeout = config.idleTimeout();
        this.absoluteTimeout = config.absoluteTimeout();
        this.clock = Clock.systemUTC();
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
        return clock.instant();
    }

    /**
     * How often a session that is only read records its use: a twentieth of its idle timeout, at most a minute.
     */
    Duration touchGranularity(Duration idleOverride) {
        Duration twentieth = idleTimeoutOf(idleOverride).dividedBy(20);
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
     * Loads a session; an expired one is treated as absent, whatever the store returned, since the configured
     * timeouts may be shorter than the ones the session was stored with.
     */
    Uni<SessionRecord> load(SessionKey key) {
        return guard(() -> store.load(key), "load", key).map(record -> {
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
        });
    }

    Uni<Void> create(SessionKey key, SessionRecord record) {
        return guard(() -> store.create(key, record), "create", key);
    }

    Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return guard(() -> store.update(key, update), "update", key);
    }

    Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return guard(() -> store.changeKey(from, to), "change the ID of", from);
    }

    Uni<Boolean> delete(SessionKey key) {
        return guard(() -> store.delete(key), "delete", key);
    }

    private static <T> Uni<T> guard(Supplier<Uni<T>> call, String verb, SessionKey key) {
        Uni<T> operation;
        try {
            operation = call.get();
        } catch (RuntimeException e) {
            operation = Uni.createFrom().failure(e);
        }
        return backOnCallerEventLoop(operation.onFailure(failure -> !(failure instanceof SessionStoreException))
                .transform(failure -> new SessionStoreException(
                        "The session store failed to " + verb + " session " + key.shortHash() + ": " + failure,
                        failure)));
    }

    /**
     * A store over a blocking API completes on a worker thread; an event-loop caller (a preload before a
     * {@code @NonBlocking} endpoint) must continue on its own event loop. Results that arrive on the calling thread, as
     * the memory store's do, are passed on as they are.
     */
    private static <T> Uni<T> backOnCallerEventLoop(Uni<T> operation) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return operation;
        }
        Thread caller = Thread.currentThread();
        return operation.onItemOrFailure().transformToUni((item, failure) -> {
            if (Thread.currentThread() == caller) {
                return failure == null ? Uni.createFrom().item(item) : Uni.createFrom().failure(failure);
            }
            return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
                if (failure == null) {
                    emitter.complete(item);
                } else {
                    emitter.fail(failure);
                }
            }));
        });
    }
}
