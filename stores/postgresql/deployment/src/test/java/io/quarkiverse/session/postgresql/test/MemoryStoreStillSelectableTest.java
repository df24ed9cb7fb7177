package io.quarkiverse.session.postgresql.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.session.store=memory} still selects the memory store when the PostgreSQL store is present: the
 * database gets no session table.
 */
class MemoryStoreStillSelectableTest {

    static final PostgresServerProcess POSTGRES = PostgresApps.server("MemoryStoreStillSelectableTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = PostgresApps.app(POSTGRES).overrideConfigKey("quarkus.session.store", "memory");

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @Test
    void sessionsLiveInMemoryNotInPostgresql() {
        given().get("/notes/store").then().statusCode(200).body(equalTo("MemorySessionStore"));
        String id = PostgresApps.issuedId(given().post("/notes/local")).orElseThrow();
        given().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("local"));
        assertEquals(0L, PostgresApps.count(POSTGRES,
                "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'quarkus_session%'"));
    }
}
