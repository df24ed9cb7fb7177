package io.quarkiverse.session.redis.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.session.store=memory} still selects the memory store when the Redis store is present: nothing reaches
 * Redis.
 */
class MemoryStoreStillSelectableTest {

    static final RedisServerProcess REDIS = RedisApps.server("MemoryStoreStillSelectableTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = RedisApps.app(REDIS).overrideConfigKey("quarkus.session.store", "memory");

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void sessionsLiveInMemoryNotInRedis() {
        given().get("/notes/store").then().statusCode(200).body(equalTo("MemorySessionStore"));
        String id = RedisApps.issuedId(given().post("/notes/local")).orElseThrow();
        given().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("local"));
        assertEquals(0L, RedisApps.command(REDIS, "DBSIZE"), "Redis holds no key");
    }
}
