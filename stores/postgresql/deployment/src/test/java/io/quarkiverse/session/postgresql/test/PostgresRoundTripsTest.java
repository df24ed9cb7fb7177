package io.quarkiverse.session.postgresql.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkiverse.session.postgresql.testing.SharedPostgresServers;
import io.quarkus.test.QuarkusUnitTest;

/**
 * What each kind of request costs in PostgreSQL, counted by the server ({@code pg_stat_statements}): a load is one
 * statement, a save one, a read within the touch period nothing more, a read after it one touch, and a request that
 * never uses the session nothing at all; a login binds the session in its save, a lookup of the user's sessions is one
 * statement, and logging them out one delete each. With the datasource's prepared-statement cache, which the extension turns
 * on,
 * each statement is one round trip.
 */
class PostgresRoundTripsTest {

    static final PostgresServerProcess POSTGRES = SharedPostgresServers.get("PostgresRoundTripsTest",
            () -> PostgresServerProcess.builder().setting("shared_preload_libraries", "pg_stat_statements").start());

    /** No cleanup of expired sessions while the test counts statements: its statement would be counted too. */
    @RegisterExtension
    static final QuarkusUnitTest APP = PostgresApps.app(POSTGRES).overrideConfigKey("quarkus.session.sweep-interval",
            "1H");

    private String id;

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @BeforeEach
    void warmSession() {
        POSTGRES.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        id = PostgresApps.issuedId(given().post("/notes/first")).orElseThrow();
        given().cookie(PostgresApps.COOKIE, id).post("/notes/second").then().statusCode(200);
        POSTGRES.queryLong("SELECT count(*) FROM (SELECT pg_stat_statements_reset()) AS reset");
    }

    @Test
    void thePreparedStatementCacheIsOn() {
        assertEquals("true", ConfigProvider.getConfig()
                .getValue("quarkus.datasource.reactive.cache-prepared-statements", String.class));
    }

    @Test
    void aRequestThatNeverUsesTheSessionSendsNothing() {
        given().cookie(PostgresApps.COOKIE, id).get("/plain").then().statusCode(200).body(equalTo("plain"));
        assertEquals(Map.of(), sent());
    }

    @Test
    void aReadIsOneLoad() {
        given().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("second"));
        Map<String, Long> sent = sent();
        assertEquals(List.of(1L), List.copyOf(sent.values()), "one statement: " + sent);
        assertTrue(sent.keySet().iterator().next().startsWith("SELECT s.created_at"), "a load: " + sent);
    }

    @Test
    void aChangeIsOneLoadAndOneSave() {
        given().cookie(PostgresApps.COOKIE, id).post("/notes/third").then().statusCode(200);
        Map<String, Long> sent = sent();
        assertEquals(2, sent.size(), "two statements: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "SELECT s.created_at")), "one load: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "WITH session AS (UPDATE")), "one save: " + sent);
    }

    @Test
    void aReadAfterTheTouchPeriodIsOneLoadAndOneTouch() throws Exception {
        // An idle timeout of 20 s: a touch period of 1 s.
        given().cookie(PostgresApps.COOKIE, id).post("/notes/idle/20").then().statusCode(200);
        Thread.sleep(1_100);
        POSTGRES.queryLong("SELECT count(*) FROM (SELECT pg_stat_statements_reset()) AS reset");
        given().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("idle"));
        Map<String, Long> sent = sent();
        assertEquals(2, sent.size(), "two statements: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "SELECT s.created_at")), "one load: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "UPDATE quarkus_session SET")), "one touch: " + sent);
    }

    @Test
    void aRegenerateIsOneLoadOneMoveAndOneSave() {
        given().cookie(PostgresApps.COOKIE, id).post("/notes/regenerate").then().statusCode(200).body(equalTo("second"));
        Map<String, Long> sent = sent();
        assertEquals(3, sent.size(), "three statements: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "SELECT s.created_at")), "one load: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "UPDATE quarkus_session SET session_key")),
                "one move: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "UPDATE quarkus_session SET last_accessed_at")),
                "one save of the times: " + sent);
    }

    @Test
    void aLoginIsOneLoadOneMoveAndOneSaveThatBinds() {
        String user = "user-" + UUID.randomUUID();
        given().cookie(PostgresApps.COOKIE, id).post("/notes/login/" + user).then().statusCode(200);
        Map<String, Long> sent = sent();
        assertEquals(3, sent.size(), "three statements: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "SELECT s.created_at")), "one load: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "UPDATE quarkus_session SET session_key")),
                "one move: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "WITH session AS (UPDATE")), "one save: " + sent);
        assertEquals(1L,
                PostgresApps.count(POSTGRES, "SELECT count(*) FROM quarkus_session WHERE principal = convert_to(?, 'UTF8')",
                        user),
                "the save bound the session");
    }

    @Test
    void theUsersSessionsAreOneStatementAndLoggingThemOutOneDeleteEach() {
        String user = "user-" + UUID.randomUUID();
        String laptop = PostgresApps.issuedId(given().cookie(PostgresApps.COOKIE, id).post("/notes/login/" + user))
                .orElseThrow();
        String phone = PostgresApps.issuedId(given().post("/notes/login/" + user)).orElseThrow();
        String tablet = PostgresApps.issuedId(given().post("/notes/login/" + user)).orElseThrow();
        POSTGRES.queryLong("SELECT count(*) FROM (SELECT pg_stat_statements_reset()) AS reset");

        given().cookie(PostgresApps.COOKIE, laptop).get("/notes/devices").then().statusCode(200).body(equalTo("3"));
        Map<String, Long> sent = sent();
        assertEquals(2, sent.size(), "two statements: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "SELECT s.created_at")), "one load: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "SELECT s.session_key")), "one lookup: " + sent);

        POSTGRES.queryLong("SELECT count(*) FROM (SELECT pg_stat_statements_reset()) AS reset");
        given().cookie(PostgresApps.COOKIE, laptop).post("/notes/logout-others").then().statusCode(200).body(equalTo("2"));
        sent = sent();
        assertEquals(3, sent.size(), "three statements: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "SELECT s.created_at")), "one load: " + sent);
        assertEquals(1L, sent.remove(statementStartingWith(sent, "SELECT s.session_key")), "one lookup: " + sent);
        assertEquals(2L, sent.remove(statementStartingWith(sent, "DELETE FROM quarkus_session WHERE")),
                "one delete per other session: " + sent);
        for (String loggedOut : List.of(phone, tablet)) {
            assertEquals(0L, PostgresApps.count(POSTGRES, "SELECT count(*) FROM quarkus_session WHERE session_key = ?",
                    PostgresApps.sessionKey(loggedOut)));
        }
    }

    /** The statements PostgreSQL ran on the session tables since the last reset, with their calls. */
    private static Map<String, Long> sent() {
        Map<String, Long> sent = new TreeMap<>();
        for (Map<String, Object> row : POSTGRES.queryRows("SELECT query, calls FROM pg_stat_statements"
                + " WHERE query LIKE '%quarkus_session%' AND query NOT LIKE '%pg_stat_statements%'")) {
            sent.merge((String) row.get("query"), ((Number) row.get("calls")).longValue(), Long::sum);
        }
        return sent;
    }

    private static String statementStartingWith(Map<String, Long> sent, String start) {
        return sent.keySet().stream().filter(query -> query.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement starting with " + start + " in " + sent));
    }
}
