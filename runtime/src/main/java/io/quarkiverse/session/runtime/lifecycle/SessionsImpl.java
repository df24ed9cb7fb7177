package io.quarkiverse.session.runtime.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.runtime.http.SessionLoader;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkus.arc.ClientProxy;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

@Singleton
public class SessionsImpl implements Sessions {

    private static final Handler<RoutingContext> LOADER = new SessionLoader();

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
        if (!lifecycle.ids().format().isWellFormed(id)) {
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
        SessionUpdate update = lifecycle.changesOf(null, detached.createdAt(), detached.lastAccessedAt(),
                detached.idleOverride(), detached.idleOverrideChanged(), detached.values(), detached.storedPrincipal(),
                false);
        return Uni.createFrom().completionStage(() -> lifecycle.update(detached.key(), update));
    }

    @Override
    public Uni<Boolean> deleteById(String id) {
        if (!lifecycle.ids().format().isWellFormed(id)) {
            return Uni.createFrom().item(false);
        }
        SessionKey key = SessionKey.ofSessionId(id);
        return Uni.createFrom().completionStage(() -> lifecycle.delete(key));
    }

    @Override
    public Uni<List<DetachedSession>> findByPrincipal(String name) {
        if (!PrincipalNames.isValid(name)) {
            // No session can be bound to it: the store is not asked.
            return Uni.createFrom().item(List.of());
        }
        return lifecycle.findByPrincipal(name).map(entries -> {
            List<DetachedSession> found = new ArrayList<>(entries.size());
            for (SessionEntry entry : entries) {
                found.add(new DetachedSessionImpl(null, entry.key(), entry.record(), lifecycle.codec()));
            }
            return found;
        });
    }

    @Override
    public Uni<Integer> deleteByPrincipal(String name) {
        return PrincipalNames.isValid(name) ? deleteByPrincipal(name, key -> false) : Uni.createFrom().item(0);
    }

    @Override
    public Uni<Integer> deleteOtherSessions(Session current) {
        // The injected Session is a client proxy of the request's.
        Session session = ClientProxy.unwrap(current);
        Predicate<SessionKey> kept;
        if (session instanceof RequestSession request) {
            kept = request::holds;
        } else if (session instanceof SocketSession socket) {
            kept = socket::holds;
        } else {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "Only the session of an HTTP request or a WebSocket callback can be kept, got " + current));
        }
        Optional<String> principal = session.principal();
        return principal.isEmpty() ? Uni.createFrom().item(0) : deleteByPrincipal(principal.get(), kept);
    }

    private Uni<Integer> deleteByPrincipal(String name, Predicate<SessionKey> kept) {
        return lifecycle.findByPrincipal(name).flatMap(entries -> {
            List<Uni<Boolean>> deletions = new ArrayList<>(entries.size());
            for (SessionEntry entry : entries) {
                if (!kept.test(entry.key())) {
                    deletions.add(lifecycle.deleteByKey(entry.key()));
                }
            }
            if (deletions.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Uni.join().all(deletions).andFailFast()
                    .map(deleted -> (int) deleted.stream().filter(Boolean::booleanValue).count());
        });
    }

    @Override
    public Uni<Boolean> delete(DetachedSession session) {
        if (!(session instanceof DetachedSessionImpl detached)) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "Only sessions returned by Sessions.findById or findByPrincipal can be deleted, got " + session));
        }
        return lifecycle.deleteByKey(detached.key());
    }

    @Override
    public Uni<Integer> deleteAll() {
        return lifecycle.deleteAll();
    }
}
