package io.quarkiverse.session.postgresql.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkiverse.session.postgresql.testing.SharedPostgresServers;
import io.quarkiverse.session.test.principal.PrincipalSessionsContract;
import io.quarkus.test.QuarkusUnitTest;

/**
 * "Log out everywhere" through HTTP on the PostgreSQL store, on a real PostgreSQL server: a user's devices come from
 * the store's lookup by the principal column's index, and logging them out deletes their rows (see
 * {@link PrincipalSessionsContract}).
 */
class PostgresPrincipalSessionsTest extends PrincipalSessionsContract {

    /** Not by PostgresApps, which the contract's application archive does not hold: the same server for both copies. */
    static final PostgresServerProcess POSTGRES = SharedPostgresServers.get("PostgresPrincipalSessionsTest",
            PostgresServerProcess::start);

    @RegisterExtension
    static final QuarkusUnitTest APP = application(String.join("\n",
            "quarkus.datasource.db-kind=postgresql",
            "quarkus.datasource.devservices.enabled=false",
            "quarkus.datasource.reactive.url=" + POSTGRES.reactiveUrl(),
            "quarkus.datasource.username=" + POSTGRES.username(),
            "quarkus.datasource.password=" + POSTGRES.password(),
            "quarkus.http.test-port=0",
            ""));

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }
}
