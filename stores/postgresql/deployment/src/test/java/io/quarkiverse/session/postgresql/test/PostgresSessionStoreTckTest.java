package io.quarkiverse.session.postgresql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.session.postgresql.runtime.PostgresSessionStore;
import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.tck.SessionStoreContractTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The PostgreSQL store against the store contract, on a real PostgreSQL server, through a reactive pool of its own:
 * two new tables for every test, created by the store, so that every test starts with an empty store.
 */
class PostgresSessionStoreTckTest extends SessionStoreContractTest {

    private static final AtomicInteger TABLES = new AtomicInteger();
    /** Small, so that the cleanup of a few sessions takes several batches. */
    private static final int CLEANUP_BATCH = 7;
    private static final int INSTANCES = 4;

    private static PostgresServerProcess server;
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void startPostgres() {
        server = PostgresServerProcess.start();
        vertx = Vertx.vertx();
        PgConnectOptions connection = PgConnectOptions.fromUri(server.reactiveUrl()).setUser(server.username())
                .setPassword(server.password()).setCachePreparedStatements(true);
        // The concurrent tests send up to 32 statements at once.
        pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(32).setMaxWaitQueueSize(1024))
                .connectingTo(connection).using(vertx.getDelegate()).build());
    }

    @AfterAll
    static void stopPostgres() {
        if (pool != null) {
            pool.closeAndAwait();
        }
        vertx.closeAndAwait();
        server.close();
    }

    private String table;

    @Override
    protected SessionStore createStore() {
        table = "tck_" + TABLES.incrementAndGet();
        return onTheSameTables();
    }

    /** Another store on the tables of the store under test: another instance of the application. */
    private PostgresSessionStore onTheSameTables() {
        return new PostgresSessionStore(pool.getDelegate(), table, table + "_value", true, Duration.ofSeconds(10),
                CLEANUP_BATCH);
    }

    @Override
    protected void destroyStore(SessionStore store) {
        ((PostgresSessionStore) store).dropSchema().await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void cleanupsOfSeveralInstancesAtOnceDeleteEachExpiredSessionOnce() throws Exception {
        List<SessionKey> expired = new ArrayList<>();
        List<SessionKey> live = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            SessionKey key = newKey();
            boolean expiring = i % 3 != 0;
            Instant deadline = expiring ? now.minusSeconds(1) : now.plus(TIME_TO_LIVE);
            create(key, new SessionRecord(now.minusSeconds(60), now.minusSeconds(60), null, deadline,
                    Map.of("n", json(Integer.toString(i)))));
            (expiring ? expired : live).add(key);
        }
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
        try {
            CyclicBarrier start = new CyclicBarrier(INSTANCES);
            List<Future<Integer>> cleanups = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                PostgresSessionStore instance = onTheSameTables();
                cleanups.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return instance.expire(now).await().atMost(timeout());
                }));
            }
            int deleted = 0;
            for (Future<Integer> cleanup : cleanups) {
                deleted += cleanup.get(60, TimeUnit.SECONDS);
            }
            assertEquals(expired.size(), deleted, "each expired session deleted once, by one of the instances");
        } finally {
            threads.shutdownNow();
        }
        for (SessionKey key : expired) {
            assertNull(load(key));
        }
        for (SessionKey key : live) {
            assertNotNull(load(key));
        }
    }

    @Test
    void deleteAllOfSeveralInstancesAtOnceDeletesEachSessionOnceWithoutDeadlock() throws Exception {
        List<SessionKey> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(newKey());
            create(keys.get(i), record(Map.of("n", json(Integer.toString(i)), "m", json("1"))));
        }
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
        try {
            CyclicBarrier start = new CyclicBarrier(INSTANCES);
            List<Future<Integer>> deletions = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                PostgresSessionStore instance = onTheSameTables();
                deletions.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return instance.deleteAll().await().atMost(timeout());
                }));
            }
            int deleted = 0;
            for (Future<Integer> deletion : deletions) {
                // A deadlock between the instances' batches would fail one of them here.
                deleted += deletion.get(60, TimeUnit.SECONDS);
            }
            assertEquals(keys.size(), deleted, "each session deleted once, by one of the instances");
        } finally {
            threads.shutdownNow();
        }
        for (SessionKey key : keys) {
            assertNull(load(key));
        }
        assertTrue(listAll(10).isEmpty());
    }

    @Test
    void instancesStartingTogetherCreateTheSchemaWithoutError() throws Exception {
        // Mutiny's context propagation initializes itself on first use, which must not happen on many threads at once;
        // and the pool opens its connections now, so that the instances below reach the database together.
        List<Uni<SessionRecord>> warmUp = new ArrayList<>();
        for (int i = 0; i < INSTANCES * 4; i++) {
            warmUp.add(store().load(newKey()));
        }
        await(Uni.join().all(warmUp).andFailFast());
        for (int round = 0; round < 10; round++) {
            createSchemaTogether("fresh_" + TABLES.incrementAndGet());
        }
    }

    private void createSchemaTogether(String fresh) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES * 2);
        try {
            CyclicBarrier start = new CyclicBarrier(INSTANCES * 2);
            List<Future<SessionRecord>> loads = new ArrayList<>();
            for (int i = 0; i < INSTANCES * 2; i++) {
                // Each its own store: each creates the tables on its first use, all at once.
                PostgresSessionStore instance = new PostgresSessionStore(pool.getDelegate(), fresh, fresh + "_value", true,
                        Duration.ofSeconds(10), CLEANUP_BATCH);
                loads.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return instance.load(newKey()).await().atMost(timeout());
                }));
            }
            for (Future<SessionRecord> load : loads) {
                assertNull(load.get(60, TimeUnit.SECONDS), "an empty store, and no error");
            }
        } finally {
            threads.shutdownNow();
            new PostgresSessionStore(pool.getDelegate(), fresh, fresh + "_value", false, Duration.ofSeconds(10), CLEANUP_BATCH)
                    .dropSchema().await().atMost(timeout());
        }
    }
}
