package io.quarkiverse.session.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;

class MemorySessionStoreTest extends SessionStoreContractTest {

    @Override
    SessionStore createStore() {
        return new MemorySessionStore(1000);
    }

    @Test
    void boundedStoreEvictsTheLongestIdleFirst() {
        MemorySessionStore bounded = new MemorySessionStore(200);
        List<SessionKey> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            SessionKey key = newKey();
            keys.add(key);
            Instant lastAccess = NOW.plusMillis(i);
            bounded.create(key, new SessionRecord(NOW, lastAccess, null, lastAccess.plusSeconds(60), Map.of()))
                    .await().indefinitely();
            assertTrue(bounded.size() <= 200, "never above the maximum");
        }
        assertNull(bounded.load(keys.get(0)).await().indefinitely(), "the longest idle went first");
        assertNotNull(bounded.load(keys.get(299)).await().indefinitely(), "the newest stays");
        int survivors = (int) keys.stream().filter(key -> bounded.load(key).await().indefinitely() != null).count();
        assertEquals(bounded.size(), survivors);
        // Survivors are exactly the most recently used ones.
        for (int i = 300 - survivors; i < 300; i++) {
            assertNotNull(bounded.load(keys.get(i)).await().indefinitely(), "session " + i + " survives");
        }
    }
}
