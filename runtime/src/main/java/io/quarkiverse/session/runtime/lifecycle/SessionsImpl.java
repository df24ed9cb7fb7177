package io.quarkiverse.session.runtime.lifecycle;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.Session;
import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.runtime.http.SessionStoreExceptionMapper;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

@Singleton
public class SessionsImpl implements Sessions {

    private static final Handler<RoutingContext> LOADER = SessionsImpl::load;

    private final SessionLifecycle lifecycle;
    private final CurrentVertxRequest currentRequest;

    SessionsImpl(SessionLifecycle lifecycle, CurrentVertxRequest currentRequest) {
        this.lifecycle = lifecycle;
        this.currentRequest = currentRequest;
    }

    @Override
    public Uni<Session> current() {
        RoutingContext request = currentRequest.getCurrent();
        if (request == null) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "No HTTP request is active; to read or change a session from background work, use findById"));
        }
        return current(request);
    }

    @Override
    public Uni<Session> current(RoutingContext request) {
        RequestSession session = RequestSession.of(request);
        if (session.loadsWithoutWaiting()) {
            // Loading from a store that answers at once has no effect outside this request: done now, the Uni is a
            // plain item rather than a bridged future.
            CompletableFuture<Void> loading = session.resolveAsync();
            return loading.isCompletedExceptionally() ? Uni.createFrom().completionStage(loading).replaceWith(session)
                    : Uni.createFrom().item(session);
        }
        return Uni.createFrom().completionStage(session::resolveAsync).replaceWith(session);
    }

    @Override
    public Session of(RoutingContext request) {
        return RequestSession.of(request);
    }

    @Override
    public Handler<RoutingContext> loader() {
        return LOADER;
    }

    private static void load(RoutingContext request) {
        CompletableFuture<Void> loading = RequestSession.of(request).resolveAsync();
        if (loading.isDone() && !loading.isCompletedExceptionally()) {
            request.next();
            return;
        }
        // The lifecycle completes a load started on an event loop back on that event loop.
        loading.whenComplete((ignored, failure) -> {
            if (failure == null) {
                request.next();
            } else {
                Throwable cause = RequestSession.unwrap(failure);
                if (cause instanceof SessionStoreException storeDown) {
                    // The answer Quarkus REST endpoints give while the store is down: a 503 the client may retry,
                    // and a warning rather than an error with a stack trace per request.
                    SessionStoreExceptionMapper.logUnavailable(storeDown);
                    request.response().setStatusCode(503).putHeader("Retry-After", SessionStoreExceptionMapper.RETRY_AFTER)
                            .putHeader("Content-Type", "text/plain;charset=UTF-8")
                            .end(SessionStoreExceptionMapper.UNAVAILABLE);
                } else {
                    request.fail(cause);
                }
            }
        });
    }

    @Override
    public Uni<Void> flush(RoutingContext request) {
        RequestSession session = RequestSession.ifUsed(request);
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        if (session.loadsWithoutWaiting()) {
            // As in current(request): saving to a store that answers at once is done now, and a known item needs no
            // context captured for a supplier.
            CompletableFuture<Void> saving = session.flush();
            return saving.isDone() && !saving.isCompletedExceptionally() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(saving);
        }
        return Uni.createFrom().completionStage(session::flush);
    }

    @Override
    public Uni<Optional<DetachedSession>> findById(String id) {
        if (!SessionIdGenerator.isWellFormed(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        SessionKey key = SessionKey.ofSessionId(id);
        return Uni.createFrom().completionStage(() -> lifecycle.load(key)).map(record -> record == null ? Optional.empty()
                : Optional.of(new DetachedSessionImpl(id, key, record, lifecycle.codec())));
    }

    @Override
    public Uni<Boolean> save(DetachedSession session) {
        if (!(session instanceof DetachedSessionImpl detached)) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "Only sessions returned by Sessions.findById can be saved, got " + session));
        }
        SessionUpdate update = new SessionUpdate(null, detached.idleOverrideChanged() ? detached.idleOverride() : null,
                detached.idleOverrideChanged()
                        ? lifecycle.expiresAt(detached.createdAt(), detached.lastAccessedAt(), detached.idleOverride())
                        : null,
                detached.values().puts(), detached.values().removals());
        return Uni.createFrom().completionStage(() -> lifecycle.update(detached.key(), update));
    }

    @Override
    public Uni<Boolean> deleteById(String id) {
        if (!SessionIdGenerator.isWellFormed(id)) {
            return Uni.createFrom().item(false);
        }
        SessionKey key = SessionKey.ofSessionId(id);
        return Uni.createFrom().completionStage(() -> lifecycle.delete(key));
    }
}
