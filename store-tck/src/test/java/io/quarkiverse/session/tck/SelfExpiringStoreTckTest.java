package io.quarkiverse.session.tck;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * The contract's hooks for stores that expire sessions by themselves, as Redis does with a TTL: a memory store swept by
 * a thread of its own, whose {@code expire(now)} does nothing. Runs the real-time expiry test, which the built-in
 * stores skip, and the cleanup hook.
 */
class SelfExpiringStoreTckTest extends SessionStoreContractTest {

    @Override
    protected SessionStore createStore() {
        return new SelfExpiringStore();
    }

    @Override
    protected void destroyStore(SessionStore store) throws InterruptedException {
        ((SelfExpiringStore) store).close();
    }

    @Override
    protected boolean expiresByItself() {
        return true;
    }

    static final class SelfExpiringStore implements SessionStore {

        private final MemorySessionStore sessions = new MemorySessionStore(1000);
        private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();

        SelfExpiringStore() {
            sweeper.scheduleWithFixedDelay(() -> sessions.expire(Instant.now()).await().indefinitely(), 25, 25,
                    TimeUnit.MILLISECONDS);
        }

        void close() throws InterruptedException {
            sweeper.shutdownNow();
            if (!sweeper.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The sweeper did not stop");
            }
        }

        @Override
        public Uni<SessionRecord> load(SessionKey key) {
            return sessions.load(key);
        }

        @Override
        public Uni<Void> create(SessionKey key, SessionRecord session) {
            return sessions.create(key, session);
        }

        @Override
        public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
            return sessions.update(key, update);
        }

        @Override
        public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
            return sessions.changeKey(from, to);
        }

        @Override
        public Uni<Boolean> delete(SessionKey key) {
            return sessions.delete(key);
        }

        @Override
        public Uni<SessionPage> list(String cursor, int limit) {
            return sessions.list(cursor, limit);
        }

        @Override
        public Uni<List<SessionEntry>> findByPrincipal(String principal) {
            return sessions.findByPrincipal(principal);
        }

        // expire(now) is the interface's default: nothing to do, the sweeper does it.
    }
}
