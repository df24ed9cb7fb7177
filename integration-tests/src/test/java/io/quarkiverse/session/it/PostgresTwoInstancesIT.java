package io.quarkiverse.session.it;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.postgresql.testing.InjectPostgres;
import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** Two instances of the packaged application sharing one PostgreSQL database: see {@link TwoInstancesOnOneStore}. */
@QuarkusIntegrationTest
@TestProfile(PostgresStoreProfile.class)
class PostgresTwoInstancesIT {

    @InjectPostgres
    PostgresServerProcess postgres;

    @Test
    void sessionIsSharedBetweenTwoInstances() throws Exception {
        TwoInstancesOnOneStore.sessionIsSharedBetweenTwoInstances("postgresql",
                List.of("-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                        "-Dquarkus.datasource.username=" + postgres.username(),
                        "-Dquarkus.datasource.password=" + postgres.password()));
    }
}
