package io.quarkiverse.session.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisCommandsTest {

    private static RedisServerProcess server;

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void emptyServer() {
        try (RedisCommands redis = server.connect()) {
            redis.flushAll();
        }
    }

    @Test
    void repliesMapToStringsLongsListsAndNull() {
        try (RedisCommands redis = server.connect()) {
            assertEquals("OK", redis.command("SET", "k", "välue\r\nwith a line break"));
            assertEquals("välue\r\nwith a line break", redis.command("GET", "k"));
            assertEquals(1L, redis.command("INCR", "counter"));
            assertNull(redis.command("GET", "missing"));
            assertEquals(List.of("k"), redis.command("KEYS", "k*"));
            assertEquals(List.of(), redis.command("HGETALL", "missing"));
        }
    }

    @Test
    void errorReplyIsThrownAndTheConnectionStaysUsable() {
        try (RedisCommands redis = server.connect()) {
            redis.command("SET", "k", "v");

            RedisErrorReply error = assertThrows(RedisErrorReply.class, () -> redis.command("HGET", "k", "field"));

            assertEquals("WRONGTYPE", error.code());
            assertEquals("PONG", redis.ping());
        }
    }

    @Test
    void errorInsideAnArrayIsAnElement() {
        try (RedisCommands redis = server.connect()) {
            redis.command("SET", "k", "v");
            redis.command("MULTI");
            redis.command("INCR", "k");
            redis.command("GET", "k");

            List<?> results = (List<?>) redis.command("EXEC");

            assertEquals("ERR", assertInstanceOf(RedisErrorReply.class, results.get(0)).code());
            assertEquals("v", results.get(1));
        }
    }

    @Test
    void scanKeysFindsEveryMatchingKeyAcrossPages() {
        try (RedisCommands redis = server.connect()) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                redis.command("SET", "session:" + i, "v");
                expected.add("session:" + i);
            }
            redis.command("SET", "other", "v");
            expected.sort(null);

            assertEquals(expected, redis.scanKeys("session:*"));
        }
    }

    @Test
    void commandStatsCountEachCommandsCalls() {
        try (RedisCommands redis = server.connect()) {
            String sha = (String) redis.command("SCRIPT", "LOAD", "return redis.call('INCR', KEYS[1])");
            Map<String, Long> before = redis.commandStats();

            IntStream.range(0, 3).forEach(i -> redis.command("EVALSHA", sha, "1", "counter"));

            Map<String, Long> after = redis.commandStats();
            assertEquals(before.getOrDefault("evalsha", 0L) + 3, after.get("evalsha"));
            assertEquals(before.getOrDefault("incr", 0L) + 3, after.get("incr"), "the script's own calls count too");
        }
    }

    @Test
    void commandStatsParseTheInfoSection() {
        String info = "# Commandstats\r\n"
                + "cmdstat_evalsha:calls=7,usec=120,usec_per_call=17.14,rejected_calls=0,failed_calls=1\r\n"
                + "cmdstat_HSET:calls=2,usec=5,usec_per_call=2.50\r\n"
                + "cmdstat_client|setname:calls=1,usec=1,usec_per_call=1.00\r\n";

        assertEquals(Map.of("evalsha", 7L, "hset", 2L, "client|setname", 1L), RedisCommands.parseCommandStats(info));
    }
}
