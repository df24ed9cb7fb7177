package io.quarkiverse.session.runtime.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.runtime.store.SessionStoreTestSupport;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The memory store's principal index leaves nothing behind, whatever removes a bound session: eviction, the sweep,
 * deleteAll, a delete, a key change, an unbinding. The store TCK checks what the index finds; this checks what it holds.
 */
class MemoryStorePrincipalIndexTest extends SessionStoreTestSupport {

    @Override
    protected SessionStore createStore() {
        return new MemorySessionStore(100);
    }

    @Test
    void evictedSessionsLeaveTheIndex() {
        MemorySessionStore store = new MemorySessionStore(10);
        for (int i = 0; i < 100; i++) {
            store.createNow(newKey(), bound(record(Map.of()), "user" + i));
        }
        assertEquals(10, store.size());
        assertEquals(10, store.indexedPrincipals(), "evicted sessions are still indexed");
    }

    @Test
    void sweptDeletedMovedAndUnboundSessionsLeaveTheIndex() {
        MemorySessionStore store = new MemorySessionStore(100);
        Instant now = Instant.now();
        SessionKey expired = newKey();
        store.createNow(expired, bound(new SessionRecord(now, now, null, now.minusSeconds(1), Map.of()), "swept"));
        SessionKey deleted = newKey();
        store.createNow(deleted, bound(record(Map.of()), "deleted"));
        SessionKey moved = newKey();
        store.createNow(moved, bound(record(Map.of()), "moved"));
        SessionKey unbound = newKey();
        store.createNow(unbound, bound(record(Map.of()), "unbound"));
        assertEquals(4, store.indexedPrincipals());

        assertEquals(1, store.expire(now).await().indefinitely());
        assertTrue(store.deleteNow(deleted));
        SessionKey movedTo = newKey();
        assertTrue(store.changeKeyNow(moved, movedTo));
        assertTrue(store.updateNow(unbound, new SessionUpdate(null, null, null, Map.of(), Set.of(), null, true)));
        assertEquals(1, store.indexedPrincipals(), "only the moved session's principal is left");
        assertEquals(Set.of(movedTo), Set.copyOf(store.findByPrincipal("moved").await().indefinitely().stream()
                .map(entry -> entry.key()).toList()));

        assertEquals(2, store.deleteAllNow());
        assertEquals(0, store.indexedPrincipals(), "deleteAll empties the index");
    }

    private static SessionRecord bound(SessionRecord record, String principal) {
        return new SessionRecord(record.createdAt(), record.lastAccessedAt(), record.idleTimeout(), record.expiresAt(),
                record.values(), principal);
    }
}
