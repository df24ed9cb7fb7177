package io.quarkiverse.session.redis.test;

import java.util.Optional;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The test applications: the note endpoints on the Redis store, with the default Redis client on the given server and
 * the Redis Dev Services off; and what a response's session cookie means in Redis.
 */
final class RedisApps {

    static final String COOKIE = "session_id";

    private RedisApps() {
    }

    static QuarkusUnitTest app(RedisServer server) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(NotesResource.class, PlainResource.class, RedisServer.class,
                        RedisApps.class))
                .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
                .overrideConfigKey("quarkus.redis.hosts", server.uri())
                .overrideConfigKey("quarkus.http.test-port", "0");
    }

    /** The session ID a response sets, if any. */
    static Optional<String> issuedId(Response response) {
        return response.headers().getValues("Set-Cookie").stream().filter(header -> header.startsWith(COOKIE + "="))
                .map(header -> header.substring(COOKIE.length() + 1, header.indexOf(';') < 0 ? header.length()
                        : header.indexOf(';')))
                .filter(value -> !value.isEmpty())
                .findFirst();
    }

    /** The Redis key of a session ID under the default prefix. */
    static String redisKey(String sessionId) {
        return "session:" + SessionKey.ofSessionId(sessionId).toHex();
    }
}
