package io.quarkiverse.session.runtime.store.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.RedactedFailure;
import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * The store's own failure messages and log lines name a session by its short hash only: never its full hash, which is
 * the file's name, nor the directory's path.
 */
class FilesystemStoreFailuresTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** 64 hex digits anywhere: a full key hash, whoever's. */
    private static final Pattern FULL_HASH = Pattern.compile("[0-9a-fA-F]{64}");

    @TempDir
    Path temp;

    Path directory;
    FilesystemSessionStore store;
    final List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    Logger packageLogger;
    Level previousLevel;

    @BeforeEach
    void setUp() {
        directory = temp.resolve("sessions");
        store = new FilesystemSessionStore(directory);
        packageLogger = Logger.getLogger(FilesystemSessionStore.class.getPackageName());
        previousLevel = packageLogger.getLevel();
        packageLogger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        packageLogger.addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        packageLogger.removeHandler(capture);
        packageLogger.setLevel(previousLevel);
    }

    @Test
    void ioFailuresNameTheOperationAndTheShortHashOnly() throws IOException {
        SessionKey key = newKey();
        store.create(key, record()).await().indefinitely();
        // The directory becomes unusable after the store was created: a regular file takes its place.
        deleteRecursively(directory);
        Files.writeString(directory, "in the way");

        SessionKey other = newKey();
        assertFailure("create", other, () -> store.create(other, record()));
        assertFailure("update", key, () -> store.update(key, new SessionUpdate(NOW, null, NOW.plusSeconds(60),
                Map.of("a", json("1")), Set.of())));
        assertFailure("load", key, () -> store.load(key));
        assertFailure("change the ID of", key, () -> store.changeKey(key, other));
        assertFailure("delete", key, () -> store.delete(key));
        assertFailure("list the sessions", null, () -> store.list(null, 10));
        assertFailure("delete the expired sessions", null, () -> store.expire(NOW));

        assertLogsNameNoHashOrPath();
    }

    @Test
    void sweepLogsShortHashesOnly() throws IOException {
        SessionKey expired = newKey();
        store.create(expired, new SessionRecord(NOW, NOW, null, NOW.plusSeconds(1), Map.of())).await().indefinitely();
        SessionKey unreadable = newKey();
        Files.writeString(directory.resolve(unreadable.toHex() + ".json"), "not a session");
        SessionKey blocked = newKey();
        // Named like a session file, but a directory: reading it fails, and the sweep reports it.
        Files.createDirectory(directory.resolve(blocked.toHex() + ".json"));

        assertEquals(1, store.expire(NOW.plusSeconds(2)).await().indefinitely());

        List<String> lines = logLines();
        assertTrue(lines.stream().anyMatch(line -> line.contains("Deleted 1 unreadable session files")), lines::toString);
        assertTrue(lines.stream().anyMatch(line -> line.contains("Could not check 1 files")
                && line.contains(blocked.shortHash()) && line.contains("FileSystemException")), lines::toString);
        assertTrue(lines.stream().anyMatch(line -> line.contains(unreadable.shortHash())),
                "the parse failure is logged at DEBUG by the short hash: " + lines);
        assertLogsNameNoHashOrPath();
    }

    private void assertFailure(String operation, SessionKey key, Supplier<Uni<?>> call) {
        Throwable failure = assertThrows(SessionStoreException.class, () -> call.get().await().indefinitely(),
                operation);
        String message = failure.getMessage();
        assertTrue(message.contains("failed to " + operation), message);
        if (key != null) {
            assertTrue(message.contains("session " + key.shortHash()), message);
        }
        // The I/O failure is kept as the cause by its type and stack trace: its message holds the file's path.
        Throwable cause = assertInstanceOf(RedactedFailure.class, failure.getCause());
        String ioType = cause.getMessage().replaceAll("[: ].*", "");
        assertTrue(ioType.endsWith("Exception") && message.contains("(" + ioType + ")"), message + " / " + cause);
        for (Throwable chained = failure; chained != null; chained = chained.getCause()) {
            assertNoHashOrPath(chained.toString());
        }
    }

    private void assertLogsNameNoHashOrPath() {
        for (String line : logLines()) {
            assertNoHashOrPath(line);
        }
    }

    private void assertNoHashOrPath(String text) {
        assertFalse(FULL_HASH.matcher(text).find(), "a full hash in: " + text);
        assertFalse(text.contains(temp.toString()), "the directory's path in: " + text);
    }

    /** Each record's message with its parameters, whether or not the log manager formatted it already. */
    private List<String> logLines() {
        synchronized (logged) {
            return logged.stream().map(record -> record.getMessage() + " " + Arrays.toString(record.getParameters())
                    + (record.getThrown() == null ? "" : " " + record.getThrown())).toList();
        }
    }

    private static SessionKey newKey() {
        return SessionKey.ofSessionId(SessionIdGenerator.generate());
    }

    private static SessionRecord record() {
        return new SessionRecord(NOW, NOW, null, NOW.plus(Duration.ofMinutes(30)), Map.of());
    }

    private static byte[] json(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
