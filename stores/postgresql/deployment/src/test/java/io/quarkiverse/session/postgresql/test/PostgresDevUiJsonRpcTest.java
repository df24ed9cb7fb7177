package io.quarkiverse.session.postgresql.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkiverse.session.test.devui.DevUiSessionsContract;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's Sessions page on the PostgreSQL store of a dev-mode application, on a real PostgreSQL server: the count
 * and the pages come from the store's SQL listing, in key order after the page's cursor (see
 * {@link DevUiSessionsContract}).
 */
class PostgresDevUiJsonRpcTest extends DevUiSessionsContract {

    static final PostgresServerProcess POSTGRES = PostgresApps.server("PostgresDevUiJsonRpcTest");

    static final int PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest DEV = devModeApplication(PORT, String.join("\n",
            "quarkus.datasource.db-kind=postgresql",
            "quarkus.datasource.devservices.enabled=false",
            "quarkus.datasource.reactive.url=" + POSTGRES.reactiveUrl(),
            "quarkus.datasource.username=" + POSTGRES.username(),
            "quarkus.datasource.password=" + POSTGRES.password()));

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    PostgresDevUiJsonRpcTest() {
        super(PORT);
    }

    @Override
    protected QuarkusDevModeTest devMode() {
        return DEV;
    }

    @Override
    protected String storeName() {
        return "postgresql";
    }

    @Override
    protected boolean indexesPrincipals() {
        // TEMPORARY: the principal index of this store is being written (issue 22).
        return false;
    }
}
