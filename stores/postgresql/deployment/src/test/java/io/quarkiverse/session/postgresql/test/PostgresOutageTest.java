package io.quarkiverse.session.postgresql.test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkiverse.session.tck.StoreOutageChecks;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/**
 * PostgreSQL stopped, and stalled, in the middle of the test: requests that need the session get the {@code 503} with
 * {@code Retry-After} of a failed store within the statement timeout, requests that do not use it keep working, and once
 * the server is back with its data the application serves the earlier session again by itself.
 * <p>
 * The client waits up to 10 s for an answer: a request that hangs fails the test.
 */
class PostgresOutageTest {

    private static final RestAssuredConfig PATIENT_CLIENT = RestAssured.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 10_000));

    static final PostgresServerProcess POSTGRES = PostgresApps.server("PostgresOutageTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = PostgresApps.app(POSTGRES).overrideConfigKey("quarkus.session.postgresql.timeout",
            "1S");

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @Test
    void outageAnswers503AndTheSessionIsBackWithTheDatabase() {
        String id = PostgresApps.issuedId(client().post("/notes/survivor")).orElseThrow();
        StoreOutageChecks.assertReady("postgresql");
        POSTGRES.stop();
        try {
            StoreOutageChecks.assertNotReady("postgresql");
            client().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(503).header("Retry-After", "1");
            client().cookie(PostgresApps.COOKIE, id).post("/notes/lost").then().statusCode(503).header("Retry-After",
                    "1");
            client().post("/notes/new").then().statusCode(503);
            client().cookie(PostgresApps.COOKIE, id).get("/plain").then().statusCode(200).body(equalTo("plain"));
        } finally {
            POSTGRES.restart();
        }
        awaitSession(id, "survivor");
        client().cookie(PostgresApps.COOKIE, id).post("/notes/changed").then().statusCode(200);
        client().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("changed"));
        StoreOutageChecks.assertReady("postgresql");
        StoreOutageChecks.assertFailuresCounted("postgresql");
    }

    @Test
    void aStalledDatabaseAnswers503WithinTheTimeoutAndRecovers() {
        String id = PostgresApps.issuedId(client().post("/notes/patient")).orElseThrow();
        POSTGRES.pause();
        try {
            Instant start = Instant.now();
            client().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(503).header("Retry-After", "1");
            Duration took = Duration.between(start, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "answered within the time limits: " + took);
            client().cookie(PostgresApps.COOKIE, id).get("/plain").then().statusCode(200).body(equalTo("plain"));
        } finally {
            POSTGRES.resume();
        }
        awaitSession(id, "patient");
    }

    /** The application reconnects by itself on the next requests that need the database; a few tries allowed. */
    private static void awaitSession(String id, String note) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> client().cookie(PostgresApps.COOKIE, id).get("/notes").statusCode() == 200);
        client().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo(note));
    }

    private static RequestSpecification client() {
        return given().config(PATIENT_CLIENT);
    }
}
