package io.quarkiverse.session.tck;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * The hooks and helpers of the store TCK: the store under test, created before and released after every test, and
 * the means to build sessions and wait for the store. Extend {@link SessionStoreContractTest}, which holds every test of
 * the contract, rather than this class.
 */
public abstract class SessionStoreTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long the sessions the tests create live, unless a test says otherwise. */
    protected static final Duration TIME_TO_LIVE = Duration.ofMinutes(30);

    private SessionStore store;

    /**
     * The time at which the current test started, truncated to milliseconds: the sessions the tests create are used
     * {@code now} and expire 30 minutes later, unless a test says otherwise.
     */
    protected Instant now;

    /**
     * Returns a new store to test, holding no session. Called before every test.
     */
    protected abstract SessionStore createStore() throws Exception;

    /**
     * Releases the store made by {@link #createStore()}. Called after every test, passed or failed; does nothing by
     * default.
     */
    protected void destroyStore(SessionStore store) throws Exception {
    }

    /**
     * Returns {@code true} if the store evicts expired sessions by itself (a TTL, as Redis does) rather than in
     * {@link SessionStore#expire(Instant)}. Such a store's expiry is tested in real time, with sessions that expire
     * {@link #selfExpiryDelay()} after the test starts.
     */
    protected boolean expiresByItself() {
        return false;
    }

    /**
     * How far in the future the sessions of the real-time expiry test expire, for stores that
     * {@link #expiresByItself() expire by themselves}: 1 second by default. A store with a coarser TTL returns more.
     */
    protected Duration selfExpiryDelay() {
        return Duration.ofSeconds(1);
    }

    /**
     * How long after their deadline expired sessions may still be found, for stores that {@link #expiresByItself()
     * expire by themselves}: 10 seconds by default.
     */
    protected Duration selfExpiryTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * Returns {@code true} if the store keeps an index of sessions by principal, so that
     * {@link SessionStore#findByPrincipal} works: every server-side store should. A store that keeps none, or cannot
     * (one that does not hold its sessions), returns {@code false} and skips the tests of the index.
     */
    protected boolean indexesPrincipals() {
        return true;
    }

    /**
     * How long a single store operation may take before the test fails: 30 seconds by default.
     */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * Runs before every test: sets {@link #now} and creates the store with {@link #createStore()}.
     */
    @BeforeEach
    protected final void createStoreUnderTest() throws Exception {
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store = createStore();
        assertNotNull(store, "createStore() returned null");
    }

    /**
     * Runs after every test: releases the store with {@link #destroyStore(SessionStore)}.
     */
    @AfterEach
    protected final void destroyStoreUnderTest() throws Exception {
        if (store != null) {
            destroyStore(store);
        }
    }

    // ---- Helpers, for subclasses too ----

    /**
     * Returns the store of the current test.
     */
    protected final SessionStore store() {
        return store;
    }

    /**
     * Returns the key of a new random session ID.
     */
    protected static SessionKey newKey() {
        return SessionKey.ofSessionId(newSessionId());
    }

    /**
     * Returns a new random session ID, never shown in a failure message.
     */
    protected static String newSessionId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Encodes a JSON document as a store holds it.
     */
    protected static byte[] json(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns a session created and used {@link #now}, with the default idle timeout, expiring 30 minutes later.
     */
    protected SessionRecord record(Map<String, byte[]> values) {
        return new SessionRecord(now, now, null, now.plus(TIME_TO_LIVE), values);
    }

    /**
     * Returns the update of a request one second after {@link #now} that sets these values.
     */
    protected SessionUpdate puts(Map<String, byte[]> puts) {
        return new SessionUpdate(now.plusSeconds(1), null, now.plusSeconds(1).plus(TIME_TO_LIVE), puts, Set.of());
    }

    /**
     * Waits for a store operation, at most {@link #timeout()}.
     */
    protected <T> T await(Uni<T> operation) {
        return operation.await().atMost(timeout());
    }

    protected SessionRecord load(SessionKey key) {
        return await(store.load(key));
    }

    protected void create(SessionKey key, SessionRecord session) {
        await(store.create(key, session));
    }

    protected boolean update(SessionKey key, SessionUpdate update) {
        return await(store.update(key, update));
    }

    /**
     * Lists every session of the store, following the cursors with this page size, and checks that no session comes
     * twice and that no page holds more than {@code limit} sessions.
     */
    protected Map<SessionKey, SessionSummary> listAll(int limit) {
        Map<SessionKey, SessionSummary> listed = new HashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            SessionPage page = await(store.list(cursor, limit));
            assertNotNull(page, "list returned a null page");
            pages++;
            assertTrue(page.sessions().size() <= limit,
                    "page " + pages + " holds " + page.sessions().size() + " sessions, more than the limit " + limit);
            for (SessionSummary summary : page.sessions()) {
                assertNull(listed.put(summary.key(), summary), "page " + pages + " lists again a session already listed");
            }
            cursor = page.nextCursor();
        } while (cursor != null && pages < 1_000);
        assertNull(cursor, "the listing still has a next cursor after 1000 pages");
        return listed;
    }
}
