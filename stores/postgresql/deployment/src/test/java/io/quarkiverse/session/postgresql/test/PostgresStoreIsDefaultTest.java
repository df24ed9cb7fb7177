package io.quarkiverse.session.postgresql.test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With the extension and no {@code quarkus.session.store}, sessions live in PostgreSQL: a row under the hash of the ID
 * in the session table, created at startup, a row per value as JSON in the value table, both gone with the session;
 * the background cleanup deletes expired sessions.
 */
class PostgresStoreIsDefaultTest {

    static final PostgresServerProcess POSTGRES = PostgresApps.server("PostgresStoreIsDefaultTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = PostgresApps.app(POSTGRES).overrideConfigKey("quarkus.session.sweep-interval",
            "1S");

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @Test
    void thePostgresqlStoreIsTheDefaultStore() {
        given().get("/notes/store").then().statusCode(200).body(equalTo("PostgresSessionStore"));
    }

    @Test
    void aSessionIsARowAndItsValuesRowsOfJson() {
        String id = PostgresApps.issuedId(given().post("/notes/kept")).orElseThrow();
        byte[] key = PostgresApps.sessionKey(id);

        assertEquals(List.of("\"kept\""), PostgresApps.column(POSTGRES,
                "SELECT value_json FROM quarkus_session_value WHERE session_key = ? AND value_name = 'note'", key),
                "the value, as JSON, in a row of its own");
        long expires = PostgresApps.count(POSTGRES,
                "SELECT (extract(epoch FROM expires_at) * 1000)::bigint FROM quarkus_session WHERE session_key = ?", key);
        Duration left = Duration.between(Instant.now(), Instant.ofEpochMilli(expires));
        assertTrue(left.compareTo(Duration.ofMinutes(29)) > 0 && left.compareTo(Duration.ofMinutes(30)) <= 0,
                "expires with the 30 minute idle timeout: " + left);
        assertEquals(0L, PostgresApps.count(POSTGRES, "SELECT count(*) FROM quarkus_session WHERE session_key = ?",
                id.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "never under the ID itself");

        given().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("kept"));
    }

    @Test
    void aDestroyedSessionLeavesNoRow() {
        String id = PostgresApps.issuedId(given().post("/notes/gone")).orElseThrow();
        given().cookie(PostgresApps.COOKIE, id).put("/notes/keys/other/value").then().statusCode(200);
        given().cookie(PostgresApps.COOKIE, id).delete("/notes").then().statusCode(204);
        byte[] key = PostgresApps.sessionKey(id);
        assertEquals(0L, PostgresApps.count(POSTGRES, "SELECT count(*) FROM quarkus_session WHERE session_key = ?", key));
        assertEquals(0L,
                PostgresApps.count(POSTGRES, "SELECT count(*) FROM quarkus_session_value WHERE session_key = ?", key));
        given().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void theCleanupDeletesExpiredSessionsAndTheirValues() {
        String expiring = PostgresApps.issuedId(given().post("/notes/idle/1")).orElseThrow();
        String kept = PostgresApps.issuedId(given().post("/notes/kept")).orElseThrow();
        byte[] expiringKey = PostgresApps.sessionKey(expiring);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> PostgresApps
                .count(POSTGRES, "SELECT count(*) FROM quarkus_session WHERE session_key = ?", expiringKey) == 0);
        assertEquals(0L,
                PostgresApps.count(POSTGRES, "SELECT count(*) FROM quarkus_session WHERE session_key = ?", expiringKey),
                "the expired session was deleted by the cleanup");
        assertEquals(0L, PostgresApps.count(POSTGRES,
                "SELECT count(*) FROM quarkus_session_value WHERE session_key = ?", expiringKey));
        given().cookie(PostgresApps.COOKIE, kept).get("/notes").then().statusCode(200).body(equalTo("kept"));
    }
}
