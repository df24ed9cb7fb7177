package io.quarkiverse.session.postgresql.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application that uses its datasource through JDBC keeps doing so once it adds the reactive URL for the sessions:
 * both clients work on the same database, the sessions through the reactive one.
 */
class JdbcAndReactiveDatasourceTest {

    static final PostgresServerProcess POSTGRES = PostgresApps.server("JdbcAndReactiveDatasourceTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = PostgresApps.app(POSTGRES)
            .withApplicationRoot(jar -> jar.addClasses(NotesResource.class, PlainResource.class, PostgresApps.class,
                    StartupFailures.class, JdbcResource.class))
            .overrideConfigKey("quarkus.datasource.jdbc.url", POSTGRES.jdbcUrl());

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @Test
    void sessionsAndJdbcShareTheDatasource() {
        String id = PostgresApps.issuedId(given().post("/notes/both")).orElseThrow();
        given().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("both"));
        given().get("/jdbc/sessions").then().statusCode(200).body(equalTo("1"));
    }

    /** Counts the sessions through JDBC, as the application's own code would query its tables. */
    @Path("/jdbc/sessions")
    public static class JdbcResource {

        @Inject
        AgroalDataSource dataSource;

        @GET
        public String count() throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM quarkus_session")) {
                rows.next();
                return Long.toString(rows.getLong(1));
            }
        }
    }
}
