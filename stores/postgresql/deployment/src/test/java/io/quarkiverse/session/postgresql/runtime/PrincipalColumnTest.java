package io.quarkiverse.session.postgresql.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.session.postgresql.testing.PostgresCommands;
import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The principal column on a real PostgreSQL server: the store upgrades the session table of a version that had none,
 * without locking out the other instances once it is there, and its statement finding a principal's sessions reads them
 * through the partial index, for the custom plans of the prepared statement and for its generic plan. In the package
 * of the store, for its statements; the behaviour of the index itself is the store contract's (see
 * {@code PostgresSessionStoreTckTest}).
 */
class PrincipalColumnTest {

    /** The schema the versions before the principal column created, and published, with the default names. */
    private static final String PREVIOUS_DDL = """
            CREATE TABLE IF NOT EXISTS quarkus_session (
                session_key BYTEA PRIMARY KEY,
                created_at TIMESTAMPTZ NOT NULL,
                last_accessed_at TIMESTAMPTZ NOT NULL,
                idle_timeout_millis BIGINT,
                expires_at TIMESTAMPTZ NOT NULL
            );
            CREATE INDEX IF NOT EXISTS quarkus_session_expires_at ON quarkus_session (expires_at);
            CREATE TABLE IF NOT EXISTS quarkus_session_value (
                session_key BYTEA NOT NULL REFERENCES quarkus_session (session_key)
                    ON DELETE CASCADE ON UPDATE CASCADE,
                value_name TEXT NOT NULL,
                value_json TEXT NOT NULL,
                PRIMARY KEY (session_key, value_name)
            );
            """;
    /** The migration of docs/modules/ROOT/pages/postgresql.adoc, one statement at a time, as Flyway would run it. */
    private static final List<String> PUBLISHED_MIGRATION = List.of(
            "ALTER TABLE quarkus_session ADD COLUMN IF NOT EXISTS principal BYTEA",
            """
                    CREATE INDEX CONCURRENTLY IF NOT EXISTS quarkus_session_principal ON quarkus_session
                        USING hash (principal) WHERE principal IS NOT NULL""");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static PostgresServerProcess server;
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void startPostgres() {
        server = PostgresServerProcess.start();
        vertx = Vertx.vertx();
        PgConnectOptions connection = PgConnectOptions.fromUri(server.reactiveUrl()).setUser(server.username())
                .setPassword(server.password()).setCachePreparedStatements(true);
        pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connection)
                .using(vertx.getDelegate()).build());
    }

    @AfterAll
    static void stopPostgres() {
        if (pool != null) {
            pool.closeAndAwait();
        }
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theTableOfThePreviousVersionIsUpgradedAndItsSessionsKept() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionKey old = SessionKey.ofSessionId("a session of the previous version");
        server.execute("CREATE SCHEMA legacy; SET search_path TO legacy;\n" + PREVIOUS_DDL);
        server.execute("INSERT INTO legacy.quarkus_session VALUES (?, now(), now(), NULL, now() + interval '1 hour')",
                old.toBytes());
        server.execute("INSERT INTO legacy.quarkus_session_value VALUES (?, 'cart', '[1,2]')", old.toBytes());

        PostgresSessionStore store = store("legacy.quarkus_session");
        SessionRecord kept = await(store.load(old));
        assertArrayEquals("[1,2]".getBytes(UTF_8), kept.values().get("cart"), "the old session is still there");
        assertNull(kept.principal());
        assertEquals(1, server.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = 'legacy'"
                + " AND indexname = 'quarkus_session_principal' AND indexdef LIKE '%(principal) WHERE (principal IS NOT NULL)'"),
                "the index of the principals is created");

        SessionKey created = SessionKey.ofSessionId("a session of this version");
        await(store.create(created, new SessionRecord(now, now, null, now.plusSeconds(60), Map.of(), "alice")));
        assertTrue(await(store.update(old, new SessionUpdate(now, null, now.plusSeconds(60), Map.of(), Set.of(), "alice",
                true))));
        assertEquals(Set.of(old, created), keys(await(store.findByPrincipal("alice"))));

        // Another instance starting on the upgraded table while a transaction has read it: it must not wait for the
        // transaction, as an ALTER TABLE would, even one that then finds the column there.
        try (PostgresCommands reader = server.connect()) {
            Connection connection = reader.connection();
            connection.setAutoCommit(false);
            reader.queryLong("SELECT count(*) FROM legacy.quarkus_session");
            PostgresSessionStore another = store("legacy.quarkus_session");
            Set<SessionKey> found = assertDoesNotThrow(() -> keys(await(another.findByPrincipal("alice"))),
                    "an instance starting on an upgraded table waited for a reader of the table");
            assertEquals(Set.of(old, created), found);
            connection.rollback();
        }
    }

    @Test
    void thePublishedMigrationUpgradesATableThatTheApplicationDoesNotManage() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        server.execute(PREVIOUS_DDL);
        PUBLISHED_MIGRATION.forEach(server::execute);
        PostgresSessionStore store = new PostgresSessionStore(pool.getDelegate(), "quarkus_session",
                "quarkus_session_value", false, TIMEOUT, 100);
        SessionKey key = SessionKey.ofSessionId("a session after the migration");
        await(store.create(key, new SessionRecord(now, now, null, now.plusSeconds(60), Map.of(), "alice")));
        assertEquals(Set.of(key), keys(await(store.findByPrincipal("alice"))));
        assertNull(await(store("compared_session").load(key)), "a store creates its own schema to compare with");
        assertEquals(principalIndex("compared_session").replace("compared_session", "quarkus_session"),
                principalIndex("quarkus_session"), "the migration creates the index the store would have created");
    }

    @Test
    void everyNameThePrincipalRuleAllowsIsKeptExactlyAndApart() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PostgresSessionStore store = store("named_session");
        Random random = new Random(22);
        StringBuilder ideographs = new StringBuilder();
        StringBuilder emoji = new StringBuilder();
        for (int i = 0; i < 1024; i++) {
            // Three bytes each in UTF-8, and random, so that PostgreSQL cannot compress them below a B-tree's limit.
            ideographs.append((char) (0x4E00 + random.nextInt(0x5000)));
        }
        for (int i = 0; i < 512; i++) {
            emoji.appendCodePoint(0x1F300 + random.nextInt(0x200));
        }
        List<String> names = List.of("a\u0000b", "a", "a\u0000", ideographs.toString(), emoji.toString());
        Map<String, SessionKey> keys = new HashMap<>();
        for (String name : names) {
            SessionKey key = SessionKey.ofSessionId("bound to " + name);
            await(store.create(key, new SessionRecord(now, now, null, now.plusSeconds(60), Map.of(), name)));
            keys.put(name, key);
        }
        for (String name : names) {
            List<SessionEntry> found = await(store.findByPrincipal(name));
            assertEquals(Set.of(keys.get(name)), keys(found), "the sessions of a name of " + name.length() + " chars");
            assertEquals(name, found.get(0).record().principal());
            assertEquals(name, await(store.load(keys.get(name))).principal());
        }
    }

    @Test
    void theListingShowsThePrincipals() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PostgresSessionStore store = store("listed_session");
        SessionKey bound = SessionKey.ofSessionId("bound");
        SessionKey anonymous = SessionKey.ofSessionId("anonymous");
        await(store.create(bound, new SessionRecord(now, now, null, now.plusSeconds(60), Map.of(), "alice")));
        await(store.create(anonymous, new SessionRecord(now, now, null, now.plusSeconds(60), Map.of())));
        Map<SessionKey, String> principals = new HashMap<>();
        await(store.list(null, 10)).sessions().forEach(session -> principals.put(session.key(), session.principal()));
        assertEquals(Set.of(bound, anonymous), principals.keySet());
        assertEquals("alice", principals.get(bound), "the listing shows the principal");
        assertNull(principals.get(anonymous));
    }

    @Test
    void findingAPrincipalsSessionsReadsThemByTheIndex() throws SQLException {
        PostgresSessionStore store = store("indexed_session");
        assertNull(await(store.load(SessionKey.ofSessionId("none"))), "the store creates its tables");
        // Ten thousand sessions, nine thousand of no principal and ten of each of a hundred, two values each, analyzed.
        server.execute("""
                INSERT INTO indexed_session SELECT sha256(i::text::bytea), now(), now(), NULL,
                    now() + interval '1 hour', CASE WHEN i % 10 = 0 THEN convert_to('user' || (i % 1000), 'UTF8') END
                FROM generate_series(1, 10000) AS i""");
        server.execute("""
                INSERT INTO indexed_session_value SELECT session_key, name, '1' FROM indexed_session,
                    unnest(ARRAY['cart', 'locale']) AS name""");
        server.execute("ANALYZE indexed_session; ANALYZE indexed_session_value");
        assertEquals(10, await(store.findByPrincipal("user10")).size());

        String statement = new SessionStatements("indexed_session", "indexed_session_value").findByPrincipal;
        try (PostgresCommands commands = server.connect()) {
            commands.execute("PREPARE find_by_principal AS " + statement);
            String custom = String.join("\n", commands.queryStrings("EXPLAIN EXECUTE find_by_principal('user10')"));
            commands.execute("SET plan_cache_mode = force_generic_plan");
            String generic = String.join("\n", commands.queryStrings("EXPLAIN EXECUTE find_by_principal('user10')"));
            for (String plan : List.of(custom, generic)) {
                assertTrue(plan.contains("indexed_session_principal"), "the principal's index is not used:\n" + plan);
                assertFalse(plan.contains("Seq Scan"), "a table is read whole:\n" + plan);
            }
        }
    }

    private static String principalIndex(String table) {
        return server.queryStrings("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = ?",
                table + "_principal").get(0);
    }

    private static PostgresSessionStore store(String table) {
        return new PostgresSessionStore(pool.getDelegate(), table, table + "_value", true, TIMEOUT, 100);
    }

    private static Set<SessionKey> keys(List<SessionEntry> entries) {
        return Set.copyOf(entries.stream().map(SessionEntry::key).toList());
    }

    private static <T> T await(Uni<T> operation) {
        return operation.await().atMost(TIMEOUT);
    }
}
