package io.quarkiverse.session.it;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.inject.Singleton;

import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;

/**
 * The memory store, recording every key it is asked about and by which operation: what the tests check to see that no
 * value a client sent reaches the store unless it is a well-formed ID. Only in the {@link ObservedStoreProfile}.
 */
@Singleton
@IfBuildProfile(ObservedStoreProfile.PROFILE)
public class KeyRecordingStore implements SessionStore {

    /** One key the store was asked about. */
    record Access(String operation, SessionKey key) {
    }

    private final MemorySessionStore sessions = new MemorySessionStore(10_000);
    private final ConcurrentLinkedQueue<Access> accesses = new ConcurrentLinkedQueue<>();

    /** The accesses since the last {@link #forget()}, in order. */
    List<Access> accesses() {
        return List.copyOf(accesses);
    }

    void forget() {
        accesses.clear();
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        accesses.add(new Access("load", key));
        return sessions.load(key);
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        accesses.add(new Access("create", key));
        return sessions.create(key, session);
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        accesses.add(new Access("update", key));
        return sessions.update(key, update);
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        accesses.add(new Access("changeKey", from));
        accesses.add(new Access("changeKey to", to));
        return sessions.changeKey(from, to);
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        accesses.add(new Access("delete", key));
        return sessions.delete(key);
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        return sessions.list(cursor, limit);
    }

    @Override
    public Uni<Integer> expire(Instant now) {
        return sessions.expire(now);
    }
}
