package io.quarkiverse.session.test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * An application-supplied store: keeps sessions in a {@link MemorySessionStore} and counts the calls it gets.
 * <p>
 * Like a store over the network (Redis, a database), it never answers at once: every result is delivered later, on a
 * Vert.x event loop. So a session used on an event-loop thread works only if the extension loaded it before.
 */
@Singleton
public class CountingSessionStore implements SessionStore {

    private final MemorySessionStore delegate = new MemorySessionStore(1000);
    private final Vertx vertx;

    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger updates = new AtomicInteger();
    private final AtomicInteger changeKeys = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();

    CountingSessionStore(Vertx vertx) {
        this.vertx = vertx;
    }

    public int loads() {
        return loads.get();
    }

    public int creates() {
        return creates.get();
    }

    public int updates() {
        return updates.get();
    }

    public int changeKeys() {
        return changeKeys.get();
    }

    public int deletes() {
        return deletes.get();
    }

    /** The number of sessions this store holds. */
    public int size() {
        return delegate.size();
    }

    public void resetCounts() {
        loads.set(0);
        creates.set(0);
        updates.set(0);
        changeKeys.set(0);
        deletes.set(0);
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        loads.incrementAndGet();
        return later(delegate.load(key));
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        creates.incrementAndGet();
        return later(delegate.create(key, session));
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        updates.incrementAndGet();
        return later(delegate.update(key, update));
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        changeKeys.incrementAndGet();
        return later(delegate.changeKey(from, to));
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        deletes.incrementAndGet();
        return later(delegate.delete(key));
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        return later(delegate.list(cursor, limit));
    }

    @Override
    public Uni<Integer> expire(Instant now) {
        return later(delegate.expire(now));
    }

    /** Delivers the result in a later event-loop task, never on the calling stack. */
    private <T> Uni<T> later(Uni<T> result) {
        Context context = vertx.getOrCreateContext();
        return result.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
