package io.quarkiverse.session.postgresql.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code quarkus.session.postgresql.create-schema=false} the application starts without creating anything, its
 * session requests fail with {@code 503} while the tables are missing, and work once the DDL the documentation
 * publishes has been run, without a restart.
 */
class PublishedSchemaTest {

    /** The DDL of docs/modules/ROOT/pages/postgresql.adoc, as a team managing its own schema would run it. */
    static final String PUBLISHED_DDL = """
            CREATE TABLE IF NOT EXISTS quarkus_session (
                session_key BYTEA PRIMARY KEY,
                created_at TIMESTAMPTZ NOT NULL,
                last_accessed_at TIMESTAMPTZ NOT NULL,
                idle_timeout_millis BIGINT,
                expires_at TIMESTAMPTZ NOT NULL,
                principal BYTEA
            );
            CREATE INDEX IF NOT EXISTS quarkus_session_expires_at ON quarkus_session (expires_at);
            CREATE INDEX IF NOT EXISTS quarkus_session_principal ON quarkus_session USING hash (principal)
                WHERE principal IS NOT NULL;
            CREATE TABLE IF NOT EXISTS quarkus_session_value (
                session_key BYTEA NOT NULL REFERENCES quarkus_session (session_key)
                    ON DELETE CASCADE ON UPDATE CASCADE,
                value_name TEXT NOT NULL,
                value_json TEXT NOT NULL,
                PRIMARY KEY (session_key, value_name)
            );
            """;

    static final PostgresServerProcess POSTGRES = PostgresApps.server("PublishedSchemaTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = PostgresApps.app(POSTGRES)
            .overrideConfigKey("quarkus.session.postgresql.create-schema", "false");

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @Test
    void sessionsWorkOnceThePublishedDdlHasRun() {
        given().get("/plain").then().statusCode(200);
        given().post("/notes/early").then().statusCode(503).header("Retry-After", "1");

        POSTGRES.execute(PUBLISHED_DDL);

        String id = PostgresApps.issuedId(given().post("/notes/kept")).orElseThrow();
        given().cookie(PostgresApps.COOKIE, id).put("/notes/keys/other/1").then().statusCode(200);
        given().cookie(PostgresApps.COOKIE, id).post("/notes/regenerate").then().statusCode(200).body(equalTo("kept"));
    }
}
