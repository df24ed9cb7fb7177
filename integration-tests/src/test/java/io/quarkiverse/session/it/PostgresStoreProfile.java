package io.quarkiverse.session.it;

import java.util.List;
import java.util.Map;

import io.quarkiverse.session.postgresql.testing.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The PostgreSQL store, on a PostgreSQL server of the test's own, started on a free loopback port before the application
 * and stopped (its data deleted) after it: the application's default datasource points at it. The server preloads
 * {@code pg_stat_statements}, which can only be loaded at server start, so that tests can count the statements the
 * store sends.
 */
public class PostgresStoreProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.session.store", "postgresql");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class,
                Map.of(PostgresTestResource.SETTING_PREFIX + "shared_preload_libraries", "pg_stat_statements")));
    }
}
