package io.quarkiverse.session.redis.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * What each kind of request costs in Redis, counted by the server ({@code INFO commandstats}): a load is one
 * {@code HGETALL}, a save one script ({@code EVALSHA}), a read within the touch period nothing more, a read after it one
 * touch, and a request that never uses the session nothing at all. A session bound to a principal costs one script more
 * for its touch, sent along with it (its principal's index), and an unbound one nothing more than before principals.
 * <p>
 * Redis counts the commands a script runs as well: a script's own calls may appear only along with its {@code EVALSHA}.
 */
class RedisRoundTripsTest {

    /** What the store's scripts call inside Redis. */
    private static final Set<String> SCRIPT_CALLS = Set.of("hmget", "hset", "hdel", "pexpireat", "exists");
    /** What the script of a principal's index calls inside Redis. */
    private static final Set<String> INDEX_CALLS = Set.of("zscore", "zadd", "zrem", "time", "zremrangebyscore", "zrange",
            "pexpireat");

    static final RedisServerProcess REDIS = RedisApps.server("RedisRoundTripsTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = RedisApps.app(REDIS);

    private String id;

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @BeforeEach
    void warmSession() {
        // The first calls of each script load it into Redis (NOSCRIPT, then EVAL): not what a request costs afterwards.
        id = RedisApps.issuedId(given().post("/notes/first")).orElseThrow();
        given().cookie(RedisApps.COOKIE, id).post("/notes/second").then().statusCode(200);
    }

    @Test
    void aRequestThatNeverUsesTheSessionSendsNothing() {
        Map<String, Long> before = RedisApps.commandCalls(REDIS);
        given().cookie(RedisApps.COOKIE, id).get("/plain").then().statusCode(200).body(equalTo("plain"));
        assertEquals(Map.of(), sent(before));
    }

    @Test
    void aReadIsOneLoad() {
        Map<String, Long> before = RedisApps.commandCalls(REDIS);
        given().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("second"));
        assertEquals(Map.of("hgetall", 1L), sent(before), "one HGETALL, and no touch within the touch period");
    }

    @Test
    void aChangeIsOneLoadAndOneSave() {
        Map<String, Long> before = RedisApps.commandCalls(REDIS);
        given().cookie(RedisApps.COOKIE, id).post("/notes/third").then().statusCode(200);
        Map<String, Long> sent = sent(before);
        assertEquals(1L, sent.remove("hgetall"), "one load: " + sent);
        assertEquals(1L, sent.remove("evalsha"), "one save: " + sent);
        assertTrue(SCRIPT_CALLS.containsAll(sent.keySet()), "nothing else sent: " + sent);
    }

    @Test
    void aReadAfterTheTouchPeriodIsOneLoadAndOneTouch() throws Exception {
        // An idle timeout of 20 s: a touch period of 1 s.
        given().cookie(RedisApps.COOKIE, id).post("/notes/idle/20").then().statusCode(200);
        Thread.sleep(1_100);
        Map<String, Long> before = RedisApps.commandCalls(REDIS);
        given().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("idle"));
        Map<String, Long> sent = sent(before);
        assertEquals(1L, sent.remove("hgetall"), "one load: " + sent);
        assertEquals(1L, sent.remove("evalsha"), "one touch: " + sent);
        assertTrue(SCRIPT_CALLS.containsAll(sent.keySet()), "nothing else sent: " + sent);
    }

    @Test
    void aTouchOfABoundSessionIsOneLoadAndTwoScripts() throws Exception {
        String bound = RedisApps.issuedId(given().cookie(RedisApps.COOKIE, id).post("/notes/login/alice")).orElseThrow();
        given().cookie(RedisApps.COOKIE, bound).post("/notes/idle/20").then().statusCode(200);
        Thread.sleep(1_100);
        Map<String, Long> before = RedisApps.commandCalls(REDIS);
        given().cookie(RedisApps.COOKIE, bound).get("/notes").then().statusCode(200).body(equalTo("idle"));
        Map<String, Long> sent = sent(before);
        assertEquals(1L, sent.remove("hgetall"), "one load: " + sent);
        assertEquals(2L, sent.remove("evalsha"), "the touch and its principal's index: " + sent);
        sent.keySet().removeAll(SCRIPT_CALLS);
        assertTrue(INDEX_CALLS.containsAll(sent.keySet()), "nothing else sent: " + sent);
    }

    /** The commands Redis ran since {@code before}, but the INFO commands of this test. */
    private static Map<String, Long> sent(Map<String, Long> before) {
        Map<String, Long> sent = new HashMap<>();
        RedisApps.commandCalls(REDIS).forEach((command, calls) -> {
            long delta = calls - before.getOrDefault(command, 0L);
            if (delta != 0 && !command.equals("info")) {
                sent.put(command, delta);
            }
        });
        return sent;
    }
}
