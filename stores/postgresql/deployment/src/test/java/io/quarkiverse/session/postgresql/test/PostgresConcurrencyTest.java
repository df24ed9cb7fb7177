package io.quarkiverse.session.postgresql.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
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

import io.quarkiverse.session.postgresql.testing.PostgresServerProcess;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Concurrent requests of one session through HTTP, on PostgreSQL: writes of different keys all survive; puts, removals
 * and a regenerate arriving together never give a server error (no duplicate key, no deadlock); a logout is never undone
 * by a request that loaded the session before it and saves after it.
 */
class PostgresConcurrencyTest {

    private static final int REQUESTS = 32;

    static final PostgresServerProcess POSTGRES = PostgresApps.server("PostgresConcurrencyTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = PostgresApps.app(POSTGRES);

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @Test
    void parallelWritesOfDifferentKeysAllSurvive() throws Exception {
        String id = PostgresApps.issuedId(given().post("/notes/first")).orElseThrow();
        List<Integer> statuses = together(IntStream.range(0, REQUESTS).<Callable<Integer>> mapToObj(
                n -> () -> given().cookie(PostgresApps.COOKIE, id).put("/notes/keys/k" + n + "/" + n).statusCode())
                .toList());
        assertEquals(List.of(200), statuses.stream().distinct().toList(), "every write answered 200");
        TreeSet<String> expected = IntStream.range(0, REQUESTS).mapToObj(n -> "k" + n)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add("note");
        given().cookie(PostgresApps.COOKIE, id).get("/notes/keys").then().statusCode(200)
                .body(equalTo(String.join(",", expected)));
        assertEquals(REQUESTS + 1L, PostgresApps.count(POSTGRES,
                "SELECT count(*) FROM quarkus_session_value WHERE session_key = ?", PostgresApps.sessionKey(id)),
                "every key in its own row");
    }

    @Test
    void putsRemovalsAndARegenerateTogetherGiveNoServerError() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = PostgresApps.issuedId(given().post("/notes/kept")).orElseThrow();
            for (int n = 0; n < REQUESTS / 2; n++) {
                given().cookie(PostgresApps.COOKIE, id).put("/notes/keys/old" + n + "/" + n).then().statusCode(200);
            }
            List<Callable<Response>> requests = new ArrayList<>();
            for (int n = 0; n < REQUESTS; n++) {
                int k = n;
                requests.add(n == REQUESTS / 2 ? () -> given().cookie(PostgresApps.COOKIE, id).post("/notes/regenerate")
                        : n % 2 == 0 ? () -> given().cookie(PostgresApps.COOKIE, id).put("/notes/keys/new" + k + "/" + k)
                                : () -> given().cookie(PostgresApps.COOKIE, id).delete("/notes/keys/old" + k));
            }
            List<Response> responses = together(requests);
            for (Response response : responses) {
                assertTrue(response.statusCode() < 300, "status " + response.statusCode() + ": " + response.asString());
            }
            Response regenerated = responses.get(REQUESTS / 2);
            assertEquals("kept", regenerated.asString(), "the regenerate request kept the session's data");
            String newId = PostgresApps.issuedId(regenerated).orElseThrow();
            given().cookie(PostgresApps.COOKIE, newId).get("/notes").then().statusCode(200).body(equalTo("kept"));
            given().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("null"));
            assertEquals(0L, PostgresApps.count(POSTGRES, "SELECT count(*) FROM quarkus_session_value WHERE session_key = ?",
                    PostgresApps.sessionKey(id)), "no value left under the old key");
        }
    }

    @Test
    void logoutRacingASlowRequestIsNeverUndone() throws Exception {
        String id = PostgresApps.issuedId(given().post("/notes/before")).orElseThrow();
        NotesResource.slowLoaded = new CountDownLatch(1);
        NotesResource.slowRelease = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> slow = thread
                    .submit(() -> given().cookie(PostgresApps.COOKIE, id).post("/notes/slow/late").statusCode());
            assertTrue(NotesResource.slowLoaded.await(30, TimeUnit.SECONDS), "the slow request loaded its session");
            given().cookie(PostgresApps.COOKIE, id).delete("/notes").then().statusCode(204);
            NotesResource.slowRelease.countDown();
            assertEquals(200, slow.get(60, TimeUnit.SECONDS));
        } finally {
            thread.shutdownNow();
        }
        assertEquals(0L, PostgresApps.count(POSTGRES, "SELECT count(*) FROM quarkus_session WHERE session_key = ?",
                PostgresApps.sessionKey(id)), "the late save brought the session back");
        given().cookie(PostgresApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("null"));
    }

    /** Runs the calls on threads of their own, started together, and returns their results in order. */
    private static <T> List<T> together(List<Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CyclicBarrier start = new CyclicBarrier(calls.size());
            List<Future<T>> results = new ArrayList<>();
            for (Callable<T> call : calls) {
                results.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<T> done = new ArrayList<>();
            for (Future<T> result : results) {
                done.add(result.get(60, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }
}
