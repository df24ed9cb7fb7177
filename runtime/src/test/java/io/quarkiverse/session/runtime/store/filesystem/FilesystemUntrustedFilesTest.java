package io.quarkiverse.session.runtime.store.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.session.runtime.store.SessionStoreTestSupport;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;

/**
 * What the store does with files it did not write under a session's name: a symbolic link is never followed, a file
 * larger than the limit is never read, and a named pipe is never opened. Whoever can write in the directory could plant
 * them; the startup check keeps such users out, and these keep the store safe if one got in anyway.
 */
class FilesystemUntrustedFilesTest extends SessionStoreTestSupport {

    @TempDir
    Path temp;

    Path directory;

    @Override
    protected SessionStore createStore() {
        directory = temp.resolve("sessions");
        return new FilesystemSessionStore(directory);
    }

    @Test
    void sessionLargerThanTheFileLimitIsRefusedAndNothingIsWritten() throws IOException {
        SessionKey key = newKey();
        String tooBig = "\"" + "x".repeat(FilesystemSessionStore.MAX_FILE_SIZE) + "\"";
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> store.create(key, record(Map.of("big", json(tooBig)))).await().indefinitely());
        assertTrue(failure.getMessage().contains(FilesystemSessionStore.MAX_FILE_SIZE + " bytes"), failure.getMessage());
        assertTrue(failure.getMessage().contains(key.shortHash()), failure.getMessage());
        assertFalse(failure.getMessage().contains(key.toHex()), failure.getMessage());
        assertFalse(Files.exists(fileOf(key)));

        store.create(key, record(Map.of("small", json("1")))).await().indefinitely();
        byte[] before = Files.readAllBytes(fileOf(key));
        assertThrows(IllegalArgumentException.class,
                () -> store.update(key, puts(Map.of("big", json(tooBig)))).await().indefinitely());
        assertArrayEquals(before, Files.readAllBytes(fileOf(key)), "a refused update leaves the file alone");
        assertEquals(List.of(key.toHex() + ".json"), fileNames(), "and no temp file");
    }

    @Test
    void fileLargerThanTheLimitIsNoSessionAndIsSwept() throws IOException {
        SessionKey atLimit = newKey();
        SessionKey overLimit = newKey();
        Files.createDirectories(directory);
        // Valid session files padded with white space after the object, which a read accepts.
        Files.write(fileOf(atLimit), paddedSessionFile(FilesystemSessionStore.MAX_FILE_SIZE));
        Files.write(fileOf(overLimit), paddedSessionFile(FilesystemSessionStore.MAX_FILE_SIZE + 1));

        assertNotNull(load(atLimit), "a file of exactly the limit is read");
        assertNull(load(overLimit), "one byte more is no session");
        assertFalse(store.update(overLimit, puts(Map.of("b", json("2")))).await().indefinitely());
        assertFalse(store.changeKey(overLimit, newKey()).await().indefinitely());
        assertEquals(Set.of(atLimit), listAll());

        assertEquals(0, store.expire(NOW).await().indefinitely());
        assertEquals(List.of(atLimit.toHex() + ".json"), fileNames(), "the sweep deleted the oversized file");
    }

    @Test
    void symbolicLinkNamedLikeASessionIsNoSessionAndOnlyTheLinkIsSwept() throws IOException {
        // A valid session file outside the directory, as someone who could write in it would plant it.
        SessionKey original = newKey();
        store.create(original, farRecord(Map.of("user", json("\"admin\"")))).await().indefinitely();
        Path planted = Files.copy(fileOf(original), temp.resolve("planted.json"));
        byte[] plantedContent = Files.readAllBytes(planted);
        SessionKey chosen = newKey();
        Files.createSymbolicLink(fileOf(chosen), planted);
        // And a link to a session file in the directory itself: a second name for someone else's session.
        SessionKey alias = newKey();
        Files.createSymbolicLink(fileOf(alias), fileOf(original).getFileName());

        for (SessionKey key : List.of(chosen, alias)) {
            assertNull(load(key), "a link is not followed");
            assertFalse(store.update(key, puts(Map.of("b", json("2")))).await().indefinitely());
            assertFalse(store.changeKey(key, newKey()).await().indefinitely(), "nor moved");
        }
        assertArrayEquals(plantedContent, Files.readAllBytes(planted), "the target was not written through the link");
        assertEquals(Set.of(original), listAll());

        assertEquals(0, store.expire(NOW).await().indefinitely());
        assertEquals(List.of(original.toHex() + ".json"), fileNames(), "the sweep deleted both links");
        assertArrayEquals(plantedContent, Files.readAllBytes(planted), "and not the target");
        assertNotNull(load(original));
    }

    @Test
    @Timeout(30)
    void pipeNamedLikeASessionFailsTheLoadInsteadOfBlockingIt() throws Exception {
        SessionKey key = newKey();
        Files.createDirectories(directory);
        Process mkfifo = new ProcessBuilder("mkfifo", fileOf(key).toString()).inheritIO().start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo");
        // Opening a pipe to read waits for a writer: the store must not open it.
        Throwable failure = assertThrows(RuntimeException.class, () -> load(key));
        FilesystemSessionStoreTest.assertIoFailure(failure);
    }

    /** A session file far from expiry, padded with spaces to exactly {@code size} bytes. */
    static byte[] paddedSessionFile(int size) {
        long now = NOW.toEpochMilli();
        String session = "{\"format\":1,\"expires\":" + (now + Duration.ofDays(1).toMillis()) + ",\"created\":" + now
                + ",\"lastAccessed\":" + now + ",\"values\":{\"a\":1}}";
        return json(session + " ".repeat(size - session.length()));
    }

    Path fileOf(SessionKey key) {
        return directory.resolve(key.toHex() + ".json");
    }

    List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    static SessionRecord farRecord(Map<String, byte[]> values) {
        return new SessionRecord(NOW, NOW, null, NOW.plus(Duration.ofDays(1)), values);
    }

    Set<SessionKey> listAll() {
        Set<SessionKey> keys = new HashSet<>();
        String cursor = null;
        do {
            SessionPage page = store.list(cursor, 3).await().indefinitely();
            page.sessions().stream().map(SessionSummary::key).forEach(keys::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return keys;
    }
}
