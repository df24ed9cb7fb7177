package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.session.redis.testing.InjectRedis;
import io.quarkiverse.session.redis.testing.RedisCommands;
import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every scenario of the demo shop on the Redis store, and what Redis itself holds and is asked: a session is a hash
 * under {@code session:} and the SHA-256 of its ID, with the session's expiry as its own; a cookie that is not a
 * well-formed ID never makes the application ask Redis anything; a stalled server answers {@code 503} and the
 * application recovers by itself once it runs again.
 */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisStoreTest extends SessionLifecycleTest {

    @Override
    String storeName() {
        return "redis";
    }

    /** Waits up to 30 s for an answer: a request that hangs on a stalled Redis fails the test instead of the build. */
    private static final RestAssuredConfig PATIENT_CLIENT = RestAssured.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 30_000).setParam("http.socket.timeout", 30_000));

    @InjectRedis
    RedisServerProcess redis;

    @Test
    void sessionIsAHashUnderTheHashOfItsIdExpiringWithTheSession() throws Exception {
        String id = newSession();
        String key = "session:" + sha256Hex(id);
        try (RedisCommands commands = redis.connect()) {
            assertEquals("hash", commands.command("TYPE", key));
            assertTrue(String.valueOf(commands.command("HGET", key, "v:seed")).contains("1"), "the value is a field");
            long ttl = (Long) commands.command("PTTL", key);
            assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(30).toMillis(), "expires with the idle timeout: " + ttl);

            given().cookie(SessionCookies.NAME, id).post("/probe/idle-timeout?seconds=3600").then().statusCode(200);
            long longer = (Long) commands.command("PTTL", key);
            assertTrue(longer > Duration.ofMinutes(30).toMillis(), "a write sets the new expiry: " + longer);

            for (String held : commands.scanKeys("*")) {
                assertFalse(held.contains(id), "a key holds the ID");
            }
            @SuppressWarnings("unchecked")
            List<Object> fields = (List<Object>) commands.command("HGETALL", key);
            fields.forEach(field -> assertFalse(String.valueOf(field).contains(id), "the hash holds the ID"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#corpus")
    void hostileCookieReachesRedisOnlyAsTheHashOfAWellFormedId(String hostile) throws Exception {
        try (RedisCommands commands = redis.connect()) {
            Set<String> keysBefore = new HashSet<>(commands.scanKeys("session:*"));
            long loadsBefore = loads(commands);

            Response response = given().cookie(SessionCookies.NAME, hostile).get("/visits");
            response.then().statusCode(200).body(equalTo("1"));

            long loads = loads(commands) - loadsBefore;
            assertTrue(HostileCookies.holdsWellFormedId(hostile) ? loads <= 1 : loads == 0,
                    loads + " loads from Redis for " + HostileCookies.printable(List.of(hostile)));
            Set<String> created = new HashSet<>(commands.scanKeys("session:*"));
            created.removeAll(keysBefore);
            assertEquals(Set.of("session:" + sha256Hex(SessionCookies.issuedId(response))), created,
                    "only the session the server issued is created");
        }
    }

    @Test
    void stalledRedisAnswers503AndTheApplicationRecoversWithTheSession() {
        String id = newSession();
        redis.pause();
        try {
            patient().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").then().statusCode(503)
                    .header("Retry-After", "1");
            patient().get("/no-session").then().statusCode(200);
        } finally {
            redis.resume();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> patient().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").statusCode() == 200);
        patient().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").then().body(equalTo("1"));
        patient().cookie(SessionCookies.NAME, id).post("/probe/put?key=after&value=2").then().statusCode(200);
        patient().cookie(SessionCookies.NAME, id).get("/probe/value?key=after").then().body(equalTo("2"));
    }

    private static RequestSpecification patient() {
        return given().config(PATIENT_CLIENT);
    }

    /** The session loads Redis has answered: the store loads with one {@code HGETALL}. */
    private static long loads(RedisCommands commands) {
        Map<String, Long> stats = commands.commandStats();
        return stats.getOrDefault("hgetall", 0L);
    }
}
