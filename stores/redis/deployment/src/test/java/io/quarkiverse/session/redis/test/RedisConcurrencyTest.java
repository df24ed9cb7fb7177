package io.quarkiverse.session.redis.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Concurrent requests of one session through HTTP, on Redis: writes of different keys all survive, and a logout is
 * never undone by a request that loaded the session before it and saves after it.
 */
class RedisConcurrencyTest {

    private static final int WRITERS = 32;

    static final RedisServerProcess REDIS = RedisApps.server("RedisConcurrencyTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = RedisApps.app(REDIS);

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void parallelWritesOfDifferentKeysAllSurvive() throws Exception {
        String id = RedisApps.issuedId(given().post("/notes/first")).orElseThrow();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        try {
            CyclicBarrier start = new CyclicBarrier(WRITERS);
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int n = i;
                writes.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return given().cookie(RedisApps.COOKIE, id).put("/notes/keys/k" + n + "/" + n).statusCode();
                }));
            }
            for (Future<Integer> write : writes) {
                assertEquals(200, write.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        TreeSet<String> expected = IntStream.range(0, WRITERS).mapToObj(n -> "k" + n)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add("note");
        given().cookie(RedisApps.COOKIE, id).get("/notes/keys").then().statusCode(200)
                .body(equalTo(String.join(",", expected)));
        List<?> fields = (List<?>) RedisApps.command(REDIS, "HKEYS", RedisApps.redisKey(id));
        assertEquals(WRITERS + 1, fields.stream().filter(field -> ((String) field).startsWith("v:")).count(),
                "every key in its own field of the hash: " + fields);
    }

    @Test
    void logoutRacingASlowRequestIsNeverUndone() throws Exception {
        String id = RedisApps.issuedId(given().post("/notes/before")).orElseThrow();
        NotesResource.slowLoaded = new CountDownLatch(1);
        NotesResource.slowRelease = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> slow = thread
                    .submit(() -> given().cookie(RedisApps.COOKIE, id).post("/notes/slow/late").statusCode());
            assertTrue(NotesResource.slowLoaded.await(30, TimeUnit.SECONDS), "the slow request loaded its session");
            given().cookie(RedisApps.COOKIE, id).delete("/notes").then().statusCode(204);
            NotesResource.slowRelease.countDown();
            assertEquals(200, slow.get(60, TimeUnit.SECONDS));
        } finally {
            thread.shutdownNow();
        }
        assertEquals(0L, RedisApps.command(REDIS, "EXISTS", RedisApps.redisKey(id)), "the late save brought the session back");
        given().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("null"));
    }
}
