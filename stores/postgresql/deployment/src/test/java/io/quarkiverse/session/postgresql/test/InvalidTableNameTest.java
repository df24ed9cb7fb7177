package io.quarkiverse.session.postgresql.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A table name that is not a plain SQL name never reaches a statement: startup fails, naming the property.
 */
class InvalidTableNameTest {

    static final PostgresServerProcess POSTGRES = PostgresApps.server("InvalidTableNameTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = PostgresApps.app(POSTGRES)
            .overrideConfigKey("quarkus.session.postgresql.table", "sessions; DROP TABLE users")
            .assertException(StartupFailures.configurationException("quarkus.session.postgresql.table must be a plain "
                    + "SQL table name", "'sessions; DROP TABLE users'"));

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @Test
    void startupFails() {
        fail("The application started with an invalid table name");
    }
}
