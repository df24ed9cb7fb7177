package io.quarkiverse.session.redis.test;

import java.util.Map;
import java.util.Optional;

import io.quarkiverse.session.redis.testing.RedisCommands;
import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkiverse.session.redis.testing.SharedRedisServers;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The test applications: the note endpoints on the Redis store, with the default Redis client on the given server and
 * the Redis Dev Services off; the server of each test class; and what a response's session cookie means in Redis.
 */
final class RedisApps {

    static final String COOKIE = "session_id";

    private RedisApps() {
    }

    /**
     * The persistent redis-server of a test class, started on first use: the same for both copies of a QuarkusUnitTest
     * class (see {@link SharedRedisServers}; the pom makes the test-support artifact parent-first for that).
     */
    static RedisServerProcess server(String testName) {
        return SharedRedisServers.get(testName, () -> RedisServerProcess.builder().persistent(true).start());
    }

    /** Sends one command on a connection of its own; the reply as {@link RedisCommands#command} maps it. */
    static Object command(RedisServerProcess server, String... args) {
        try (RedisCommands commands = server.connect()) {
            return commands.command(args);
        }
    }

    /** {@code INFO commandstats}: the calls of each command, by its lower-case name. */
    static Map<String, Long> commandCalls(RedisServerProcess server) {
        try (RedisCommands commands = server.connect()) {
            return commands.commandStats();
        }
    }

    static QuarkusUnitTest app(RedisServerProcess server) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(NotesResource.class, PlainResource.class, RedisApps.class))
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
