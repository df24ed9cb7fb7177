package io.quarkiverse.session.test.outage;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkiverse.session.test.store.ForwardingSessionStore;
import io.smallrye.mutiny.Uni;

/**
 * A memory store behind a switch: while broken, its calls fail as a lost connection would, or never answer, as a hung
 * one would; with only writes broken, loads still answer.
 */
@Singleton
public class FaultySessionStore extends ForwardingSessionStore {

    /** How a broken call behaves. */
    public enum Fault {
        /** Fails at once with an I/O error. */
        REFUSE,
        /** Returns a {@link Uni} that never emits. */
        STALL
    }

    private volatile Fault readFault;
    private volatile Fault writeFault;

    public FaultySessionStore() {
        super(new MemorySessionStore(1000));
    }

    void breakAll(Fault fault) {
        readFault = fault;
        writeFault = fault;
    }

    void breakWrites(Fault fault) {
        readFault = null;
        writeFault = fault;
    }

    void repair() {
        readFault = null;
        writeFault = null;
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return readFault != null ? broken(readFault) : super.load(key);
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return writeFault != null ? broken(writeFault) : super.create(key, session);
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return writeFault != null ? broken(writeFault) : super.update(key, update);
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return writeFault != null ? broken(writeFault) : super.changeKey(from, to);
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return writeFault != null ? broken(writeFault) : super.delete(key);
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        return readFault != null ? broken(readFault) : super.list(cursor, limit);
    }

    @Override
    public Uni<Integer> expire(Instant now) {
        return writeFault != null ? broken(writeFault) : super.expire(now);
    }

    private static <T> Uni<T> broken(Fault fault) {
        return fault == Fault.STALL ? Uni.createFrom().nothing()
                : Uni.createFrom().failure(new IOException("connection refused"));
    }
}
