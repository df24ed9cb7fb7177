package io.quarkiverse.session.test.store;

import java.time.Instant;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * A store that hands every call to another one.
 */
public class ForwardingSessionStore implements SessionStore {

    private final SessionStore delegate;

    public ForwardingSessionStore(SessionStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return delegate.load(key);
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return delegate.create(key, session);
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return delegate.update(key, update);
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return delegate.changeKey(from, to);
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return delegate.delete(key);
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        return delegate.list(cursor, limit);
    }

    @Override
    public Uni<Integer> expire(Instant now) {
        return delegate.expire(now);
    }
}
