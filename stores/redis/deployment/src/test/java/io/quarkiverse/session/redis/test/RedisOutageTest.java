package io.quarkiverse.session.redis.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkiverse.session.tck.StoreOutageChecks;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/**
 * redis-server stopped in the middle of the test: requests that need the session get the {@code 503} with
 * {@code Retry-After} of a failed store, requests that do not use it keep working, and once the server is back on the
 * same port with its data the application serves the earlier session again by itself.
 * <p>
 * The client waits up to 10 s for an answer: a request that hangs fails the test.
 */
class RedisOutageTest {

    private static final RestAssuredConfig PATIENT_CLIENT = RestAssured.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 10_000));

    static final RedisServerProcess REDIS = RedisApps.server("RedisOutageTest");

    @RegisterExtension
    static final QuarkusUnitTest APP = RedisApps.app(REDIS);

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void outageAnswers503AndTheSessionIsBackWithRedis() throws Exception {
        String id = RedisApps.issuedId(client().post("/notes/survivor")).orElseThrow();
        StoreOutageChecks.assertReady("redis");
        REDIS.stop();
        try {
            StoreOutageChecks.assertNotReady("redis");
            client().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(503).header("Retry-After", "1");
            client().cookie(RedisApps.COOKIE, id).post("/notes/lost").then().statusCode(503).header("Retry-After", "1");
            client().post("/notes/new").then().statusCode(503);
            client().cookie(RedisApps.COOKIE, id).get("/plain").then().statusCode(200).body(equalTo("plain"));
        } finally {
            REDIS.restart();
        }
        // The client reconnects on the next request that needs Redis; a few tries allowed, within a deadline.
        Instant giveUp = Instant.now().plusSeconds(30);
        while (client().cookie(RedisApps.COOKIE, id).get("/notes").statusCode() != 200 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }
        client().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("survivor"));
        client().cookie(RedisApps.COOKIE, id).post("/notes/changed").then().statusCode(200);
        client().cookie(RedisApps.COOKIE, id).get("/notes").then().statusCode(200).body(equalTo("changed"));
        StoreOutageChecks.assertReady("redis");
        StoreOutageChecks.assertFailuresCounted("redis");
    }

    private static RequestSpecification client() {
        return given().config(PATIENT_CLIENT);
    }
}
