package io.quarkiverse.session.runtime.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * What the tests of one store share: a new store before every test, and helpers to make keys, values, sessions and
 * updates. The contract every store follows is tested by the store TCK ({@code store-tck/}), which runs the built-in
 * stores too.
 */
public abstract class SessionStoreTestSupport {

    protected static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static final SecureRandom RANDOM = new SecureRandom();

    protected SessionStore store;

    protected abstract SessionStore createStore() throws Exception;

    @BeforeEach
    protected void setUp() throws Exception {
        store = createStore();
    }

    /**
     * Returns a new random key, as the hash of a new session ID would be.
     */
    protected static SessionKey newKey() {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        return SessionKey.ofHash(hash);
    }

    protected static byte[] json(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    protected static SessionRecord record(Map<String, byte[]> values) {
        return new SessionRecord(NOW, NOW, null, NOW.plus(Duration.ofMinutes(30)), values);
    }

    protected static SessionUpdate puts(Map<String, byte[]> puts) {
        return new SessionUpdate(NOW.plusSeconds(1), null, NOW.plus(Duration.ofMinutes(31)), puts, Set.of());
    }

    protected SessionRecord load(SessionKey key) {
        return store.load(key).await().indefinitely();
    }
}
