package io.quarkiverse.session.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RedisServerProcessTest {

    @Test
    void startedServerAnswersOnItsLoopbackPort() {
        try (RedisServerProcess server = RedisServerProcess.start();
                RedisCommands redis = server.connect()) {
            assertEquals("redis://127.0.0.1:" + server.port(), server.uri());
            assertEquals("PONG", redis.ping());
            assertEquals("OK", redis.command("SET", "greeting", "hello"));
            assertEquals("hello", redis.command("GET", "greeting"));
            assertEquals(List.of("save", ""), redis.command("CONFIG", "GET", "save"));
            assertEquals(List.of("appendonly", "no"), redis.command("CONFIG", "GET", "appendonly"));
            assertEquals(List.of("bind", "127.0.0.1"), redis.command("CONFIG", "GET", "bind"));
        }
    }

    @Test
    void stoppedServerRefusesConnections() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            server.stop();

            assertFalse(server.isRunning());
            assertThrows(UncheckedIOException.class, server::connect);
        }
    }

    @Test
    void pausedServerAnswersNothingUntilResumedThenEverythingSentMeanwhile() {
        try (RedisServerProcess server = RedisServerProcess.start();
                RedisCommands redis = server.connect()) {
            redis.command("SET", "greeting", "hello");

            server.pause();
            try (RedisCommands stalled = RedisCommands.connect("127.0.0.1", server.port(), Duration.ofMillis(300))) {
                // The kernel accepts the connection; the frozen process never reads it.
                assertThrows(UncheckedIOException.class, () -> stalled.command("GET", "greeting"));
            }
            assertTrue(server.isRunning(), "paused, not dead");
            server.resume();

            assertEquals("hello", redis.command("GET", "greeting"));
        }
    }

    @Test
    void stoppedServerCannotBePaused() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            server.stop();

            assertThrows(IllegalStateException.class, server::pause);
        }
    }

    @Test
    void persistentServerKeepsAcknowledgedDataAndExpiryAcrossAKillAndRestart() {
        try (RedisServerProcess server = RedisServerProcess.builder().persistent(true).start()) {
            int port = server.port();
            try (RedisCommands redis = server.connect()) {
                redis.command("HSET", "session:ab", "cart", "3 apples", "user", "ann");
                redis.command("PEXPIRE", "session:ab", "600000");
            }

            server.stop();
            assertThrows(UncheckedIOException.class, server::connect);
            server.restart();

            assertEquals(port, server.port());
            try (RedisCommands redis = server.connect()) {
                assertEquals("3 apples", redis.command("HGET", "session:ab", "cart"));
                assertEquals("ann", redis.command("HGET", "session:ab", "user"));
                long ttl = (Long) redis.command("PTTL", "session:ab");
                assertTrue(ttl > 0 && ttl <= 600000, "expiry kept, was " + ttl);
            }
        }
    }

    @Test
    void serverWithoutPersistenceStartsEmptyAfterRestart() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            try (RedisCommands redis = server.connect()) {
                redis.command("SET", "k", "v");
            }

            server.restart();

            try (RedisCommands redis = server.connect()) {
                assertNull(redis.command("GET", "k"));
            }
        }
    }

    @Test
    void closeDeletesTheServersDirectory() {
        RedisServerProcess server = RedisServerProcess.builder().persistent(true).start();
        assertTrue(Files.isDirectory(server.directory()));

        server.close();

        assertFalse(server.isRunning());
        assertFalse(Files.exists(server.directory()));
    }

    @Test
    void serverThatCannotStartFailsWithItsLogTail() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> RedisServerProcess.builder().argument("--no-such-directive", "x").start());

        assertTrue(failure.getMessage().contains("exited with status"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no-such-directive"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Bad directive or wrong number of arguments"), failure.getMessage());
    }
}
