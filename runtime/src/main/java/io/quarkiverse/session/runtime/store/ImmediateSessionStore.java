package io.quarkiverse.session.runtime.store;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * A store whose operations complete, without I/O, before they return. The request lifecycle calls these methods
 * directly: wrapping an answer that is already there in a {@link Uni} (with context propagation for every operator) cost
 * as much as the rest of the lifecycle, and a store that answers at once needs no load before event-loop endpoints.
 * <p>
 * The {@link SessionStore} methods are defined by these, for the callers that need a {@link Uni}.
 */
public interface ImmediateSessionStore extends SessionStore {

    SessionRecord loadNow(SessionKey key);

    void createNow(SessionKey key, SessionRecord session);

    boolean updateNow(SessionKey key, SessionUpdate update);

    boolean changeKeyNow(SessionKey from, SessionKey to);

    boolean deleteNow(SessionKey key);

    int deleteAllNow();

    @Override
    default Uni<SessionRecord> load(SessionKey key) {
        return Uni.createFrom().item(() -> loadNow(key));
    }

    @Override
    default Uni<Void> create(SessionKey key, SessionRecord session) {
        return Uni.createFrom().item(() -> {
            createNow(key, session);
            return null;
        });
    }

    @Override
    default Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return Uni.createFrom().item(() -> updateNow(key, update));
    }

    @Override
    default Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return Uni.createFrom().item(() -> changeKeyNow(from, to));
    }

    @Override
    default Uni<Boolean> delete(SessionKey key) {
        return Uni.createFrom().item(() -> deleteNow(key));
    }

    @Override
    default Uni<Integer> deleteAll() {
        return Uni.createFrom().item(this::deleteAllNow);
    }
}
