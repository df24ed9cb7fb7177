package io.quarkiverse.session.postgresql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** The resource inside a real Quarkus test: the reactive client reaches the server, which the test controls. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PostgresTestResourceQuarkusTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @InjectPostgres
    PostgresServerProcess postgres;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @Test
    void reactiveClientReachesTheInjectedServerAndRecoversAfterItsRestart() {
        assertNotNull(postgres, "@InjectPostgres field filled");
        assertEquals(postgres.reactiveUrl(), url);
        assertEquals(1, selectOne());

        pool.query("CREATE TABLE written_by_quarkus (word text)").execute().await().atMost(TIMEOUT);
        pool.query("INSERT INTO written_by_quarkus VALUES ('yes')").execute().await().atMost(TIMEOUT);
        assertEquals(1, postgres.queryLong("SELECT count(*) FROM written_by_quarkus WHERE word = 'yes'"));

        postgres.stop();
        postgres.restart();

        assertEquals(1, selectOneAfterReconnect());
    }

    private int selectOne() {
        Row row = pool.query("SELECT 1").execute().await().atMost(TIMEOUT).iterator().next();
        return row.getInteger(0);
    }

    private int selectOneAfterReconnect() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return selectOne();
            } catch (RuntimeException e) {
                // The pool's connections died with the server; a later query gets a new one.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
