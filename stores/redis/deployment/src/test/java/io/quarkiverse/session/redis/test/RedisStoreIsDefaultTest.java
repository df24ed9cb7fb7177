package io.quarkiverse.session.redis.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With the extension and no {@code quarkus.session.store}, sessions live in Redis: a hash under {@code session:} and
 * the hex of the ID's hash, with the session's values and times, expiring with the session.
 */
class RedisStoreIsDefaultTest {

    static final RedisServerProcess REDIS = RedisApps.server("RedisStoreIsDefaultTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = RedisApps.app(REDIS);

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void theRedisStoreIsTheDefaultStore() {
        given().get("/notes/store").then().statusCode(200).body(equalTo("RedisSessionStore"));
    }

    @Test
    void aSessionIsAHashInRedisThatExpiresWithTheSession() {
        String id = RedisApps.issuedId(given().post("/notes/kept")).orElseThrow();
        String key = RedisApps.redisKey(id);

        assertEquals("hash", RedisApps.command(REDIS, "TYPE", key));
        assertEquals("\"kept\"", RedisApps.command(REDIS, "HGET", key, "v:note"), "the value, as JSON, in its own field");
        List<?> fields = (List<?>) RedisApps.command(REDIS, "HKEYS", key);
        assertTrue(fields.containsAll(List.of("created", "accessed", "expires", "v:note")), "fields: " + fields);
        long deadline = Long.parseLong((String) RedisApps.command(REDIS, "HGET", key, "expires"));
        long ttl = (Long) RedisApps.command(REDIS, "PTTL", key);
        long now = System.currentTimeMillis();
        assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(30).toMillis(), "expires with the 30 minute idle timeout: " + ttl);
        // redis-server 6.2 has no PEXPIRETIME: the deadline the TTL points at, to within the seconds of this test.
        assertTrue(Math.abs(now + ttl - deadline) < 5_000, "the key expires at the session's deadline");

        given().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("kept"));
    }

    @Test
    void aDestroyedSessionLeavesNothingInRedis() {
        String id = RedisApps.issuedId(given().post("/notes/gone")).orElseThrow();
        given().cookie(RedisApps.COOKIE, id).delete("/notes").then().statusCode(204);
        assertEquals(0L, RedisApps.command(REDIS, "EXISTS", RedisApps.redisKey(id)));
        given().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("null"));
    }
}
