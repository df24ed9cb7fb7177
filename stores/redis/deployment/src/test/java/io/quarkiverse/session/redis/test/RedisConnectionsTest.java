package io.quarkiverse.session.redis.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The store's own connections to Redis, counted by Redis itself ({@code CLIENT LIST}): concurrent requests of several
 * threads and event loops share the configured number of connections (here one, carrying every command pipelined) rather
 * than borrowing one each from the pool, and connections that Redis closes are replaced on the next request, which
 * succeeds.
 */
class RedisConnectionsTest {

    private static final int CONNECTIONS = 1;
    private static final int PARALLEL = 32;

    static final RedisServerProcess REDIS = RedisApps.server("RedisConnectionsTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = RedisApps.app(REDIS)
            .overrideConfigKey("quarkus.session.redis.connections", Integer.toString(CONNECTIONS));

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void concurrentRequestsShareTheStoresConnections() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL);
        try {
            CyclicBarrier start = new CyclicBarrier(PARALLEL);
            List<Future<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                int n = i;
                requests.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    String id = RedisApps.issuedId(given().post("/notes/n" + n)).orElseThrow();
                    return given().cookie(RedisApps.COOKIE, id).get("/notes").then().body(equalTo("n" + n)).extract()
                            .statusCode();
                }));
            }
            for (Future<Integer> request : requests) {
                assertEquals(200, request.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        int open = applicationConnections();
        assertTrue(open >= 1 && open <= CONNECTIONS,
                "the store keeps at most " + CONNECTIONS + " connections, Redis lists " + open);
    }

    @Test
    void connectionsClosedByRedisAreReplacedOnTheNextRequest() throws Exception {
        String id = RedisApps.issuedId(given().post("/notes/kept")).orElseThrow();
        assertTrue(applicationConnections() >= 1);

        RedisApps.command(REDIS, "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        Instant giveUp = Instant.now().plusSeconds(10);
        while (applicationConnections() > 0 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
        }
        assertEquals(0, applicationConnections(), "Redis has closed the store's connections");
        // The client learns of the closed connections from the socket, within milliseconds.
        Thread.sleep(300);

        given().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("kept"));
        given().cookie(RedisApps.COOKIE, id).post("/notes/changed").then().statusCode(200);
        given().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("changed"));
    }

    /** The clients Redis lists, but the one asking. */
    private static int applicationConnections() {
        String clients = (String) RedisApps.command(REDIS, "CLIENT", "LIST");
        return (int) clients.lines().filter(line -> !line.isBlank() && !line.contains("cmd=client")).count();
    }
}
