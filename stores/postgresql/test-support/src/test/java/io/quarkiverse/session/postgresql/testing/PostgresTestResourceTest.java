package io.quarkiverse.session.postgresql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;

/**
 * The resource as Quarkus' test framework drives it: init, start, inject into the test instance, stop. The injector
 * sets every field the predicate accepts, as Quarkus' own does.
 */
class PostgresTestResourceTest {

    static class OutageTest {
        @InjectPostgres
        PostgresServerProcess postgres;
        PostgresServerProcess notAnnotated;
        @InjectPostgres
        String otherType;
    }

    @Test
    void resourceConfiguresTheDefaultReactiveDatasourceAndInjectsTheServer() {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        OutageTest test = new OutageTest();
        try {
            resource.inject(injectorFor(test));

            assertEquals(Map.of("quarkus.datasource.reactive.url", test.postgres.reactiveUrl(),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "quarkus.datasource.devservices.enabled", "false"), config);
            assertEquals("postgresql://127.0.0.1:" + test.postgres.port() + "/sessions", test.postgres.reactiveUrl());
            assertNull(test.notAnnotated);
            assertNull(test.otherType);
            assertEquals(1, test.postgres.queryLong("SELECT 1"));
        } finally {
            resource.stop();
        }
        assertFalse(test.postgres.isRunning());
        assertFalse(Files.exists(test.postgres.directory()));
        assertThrows(PostgresQueryException.class, test.postgres::connect);
    }

    @Test
    void namedDatasourceAndDatabaseAreConfiguredUnderTheirNames() {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of(PostgresTestResource.DATASOURCE_NAME, "store", PostgresTestResource.DATABASE, "other"));
        OutageTest test = new OutageTest();
        try {
            Map<String, String> config = resource.start();
            resource.inject(injectorFor(test));

            assertEquals(Map.of("quarkus.datasource.store.reactive.url", test.postgres.reactiveUrl(),
                    "quarkus.datasource.store.username", "postgres",
                    "quarkus.datasource.store.password", "postgres",
                    "quarkus.datasource.store.devservices.enabled", "false",
                    "quarkus.datasource.devservices.enabled", "false"), config);
            assertEquals("other", test.postgres.database());
            assertEquals(1, test.postgres.queryLong("SELECT 1"));
        } finally {
            resource.stop();
        }
    }

    @Test
    void settingArgsBecomeSettingsOfTheServer() {
        PostgresTestResource resource = new PostgresTestResource();
        // shared_preload_libraries takes effect at server start only: a setting the test could not apply later.
        resource.init(Map.of(PostgresTestResource.SETTING_PREFIX + "shared_preload_libraries", "pg_stat_statements",
                PostgresTestResource.SETTING_PREFIX + "work_mem", "7MB"));
        OutageTest test = new OutageTest();
        try {
            resource.start();
            resource.inject(injectorFor(test));

            assertEquals(List.of("pg_stat_statements"), test.postgres.queryStrings("SHOW shared_preload_libraries"));
            assertEquals(List.of("7MB"), test.postgres.queryStrings("SHOW work_mem"));
            test.postgres.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            assertTrue(test.postgres.queryLong("SELECT count(*) FROM pg_stat_statements") > 0);
        } finally {
            resource.stop();
        }
    }

    private static TestInjector injectorFor(Object testInstance) {
        return new TestInjector() {
            @Override
            public void injectIntoFields(Object value, Predicate<Field> predicate) {
                for (Field field : testInstance.getClass().getDeclaredFields()) {
                    if (predicate.test(field)) {
                        try {
                            field.setAccessible(true);
                            field.set(testInstance, value);
                        } catch (IllegalAccessException e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            }
        };
    }
}
