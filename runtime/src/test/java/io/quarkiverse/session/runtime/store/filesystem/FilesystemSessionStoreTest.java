package io.quarkiverse.session.runtime.store.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.session.runtime.RedactedFailure;
import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.runtime.store.SessionStoreTestSupport;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;

class FilesystemSessionStoreTest extends SessionStoreTestSupport {

    @TempDir
    Path temp;

    Path directory;

    @Override
    protected SessionStore createStore() {
        // A directory that does not exist yet: the store creates it.
        directory = temp.resolve("sessions");
        return new FilesystemSessionStore(directory);
    }

    FilesystemSessionStore filesystemStore() {
        return (FilesystemSessionStore) store;
    }

    List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    Path fileOf(SessionKey key) {
        return directory.resolve(key.toHex() + ".json");
    }

    Path tempFileOf(SessionKey key) {
        return directory.resolve("." + key.toHex() + ".0123456789abcdef.tmp");
    }

    static SessionRecord farRecord(Map<String, byte[]> values) {
        return new SessionRecord(NOW, NOW, null, NOW.plus(Duration.ofDays(1)), values);
    }

    @Test
    void fileIsNamedByTheHashAndHoldsNeitherTheIdNorTheHash() throws IOException {
        String id = SessionIdGenerator.generate();
        SessionKey key = SessionKey.ofSessionId(id);
        store.create(key, record(Map.of("user", json("{\"name\":\"alice\"}")))).await().indefinitely();

        assertEquals(List.of(key.toHex() + ".json"), fileNames(), "one file, named by the hash, no temp file left");
        String content = Files.readString(fileOf(key), StandardCharsets.UTF_8);
        assertFalse(content.contains(id), "the file does not hold the session ID");
        assertFalse(content.contains(key.toHex()), "nor the hash, which is only its name");
        assertTrue(content.contains("\"format\":1"), content);
        assertTrue(content.contains("\"values\":{\"user\":{\"name\":\"alice\"}}"), content);
    }

    @Test
    void directoryIs0700AndFilesAre0600() throws IOException {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        SessionKey key = newKey();
        store.create(key, record(Map.of("a", json("1")))).await().indefinitely();
        store.update(key, puts(Map.of("b", json("2")))).await().indefinitely();
        SessionKey moved = newKey();
        store.changeKey(key, moved).await().indefinitely();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf(moved))));
    }

    @Test
    void existingDirectoryKeepsItsPermissions() throws IOException {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        SessionKey key = newKey();
        store.create(key, record(Map.of())).await().indefinitely();
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf(key))));
    }

    @Test
    void unreadableFilesLoadAsAbsentAndAreSwept() throws IOException {
        SessionKey intact = newKey();
        store.create(intact, farRecord(Map.of("a", json("1")))).await().indefinitely();
        byte[] good = Files.readAllBytes(fileOf(intact));

        Map<String, byte[]> broken = new LinkedHashMap<>();
        broken.put("truncated", Arrays.copyOf(good, good.length / 2));
        broken.put("truncated by one byte", Arrays.copyOf(good, good.length - 1));
        broken.put("empty", new byte[0]);
        broken.put("garbage", new byte[] { 0, (byte) 0xFF, 0x13, 0x37 });
        broken.put("not JSON", json("hello"));
        broken.put("an array", json("[1,2,3]"));
        broken.put("trailing content", json(new String(good, StandardCharsets.UTF_8) + "{}"));
        broken.put("unknown format version",
                json(new String(good, StandardCharsets.UTF_8).replace("\"format\":1", "\"format\":3")));
        broken.put("missing times", json("{\"format\":1,\"values\":{}}"));
        broken.put("time not a number", json(new String(good, StandardCharsets.UTF_8).replaceFirst(
                "\"created\":\\d+", "\"created\":\"yesterday\"")));

        Map<String, SessionKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : broken.entrySet()) {
            SessionKey key = newKey();
            keys.put(file.getKey(), key);
            Files.write(fileOf(key), file.getValue());
        }
        for (Map.Entry<String, SessionKey> key : keys.entrySet()) {
            String problem = key.getKey();
            assertNull(load(key.getValue()), problem + ": loads as absent");
            assertFalse(store.update(key.getValue(), puts(Map.of("b", json("2")))).await().indefinitely(),
                    problem + ": cannot be updated");
            assertFalse(store.changeKey(key.getValue(), newKey()).await().indefinitely(), problem + ": cannot be moved");
            assertTrue(Files.exists(fileOf(key.getValue())), problem + ": left to the sweep");
        }
        assertEquals(Set.of(intact), listAll(), "only the readable session is listed");

        assertEquals(0, store.expire(NOW).await().indefinitely(), "unreadable files are not expired sessions");
        assertEquals(List.of(intact.toHex() + ".json"), fileNames(), "the sweep deleted every unreadable file");
        assertNotNull(load(intact));
    }

    @Test
    void foreignFilesAreNeitherListedNorDeleted() throws IOException {
        SessionKey key = newKey();
        store.create(key, record(Map.of())).await().indefinitely();
        List<String> foreign = List.of("README.txt", "notes.json", key.toHex().toUpperCase() + ".json",
                key.toHex().substring(1) + ".json", "." + key.toHex() + ".tmp", key.toHex() + ".json.bak");
        for (String name : foreign) {
            Files.writeString(directory.resolve(name), "not mine");
            Files.setLastModifiedTime(directory.resolve(name), FileTime.from(NOW.minus(Duration.ofDays(1))));
        }
        Files.createDirectory(directory.resolve("sub"));

        assertEquals(Set.of(key), listAll());
        store.expire(NOW.plus(Duration.ofDays(1))).await().indefinitely();
        Set<String> expected = new HashSet<>(foreign);
        expected.add("sub");
        assertEquals(expected, Set.copyOf(fileNames()), "only the expired session file was deleted");
    }

    @Test
    void tempFilesAreIgnoredByListAndSweptOnceStale() throws IOException {
        SessionKey key = newKey();
        store.create(key, farRecord(Map.of("a", json("1")))).await().indefinitely();
        Path fresh = tempFileOf(newKey());
        Path stale = tempFileOf(newKey());
        Path partialCopy = tempFileOf(key);
        Files.write(fresh, json("{\"format\":1,"));
        Files.write(stale, json("{\"format\":1,\"expi"));
        Files.write(partialCopy, Arrays.copyOf(Files.readAllBytes(fileOf(key)), 10));
        Instant now = Instant.now();
        Files.setLastModifiedTime(stale, FileTime.from(now.minus(Duration.ofMinutes(2))));
        Files.setLastModifiedTime(partialCopy, FileTime.from(now.minus(Duration.ofMinutes(2))));

        SessionPage page = store.list(null, 10).await().indefinitely();
        assertEquals(List.of(key), page.sessions().stream().map(SessionSummary::key).toList());
        assertNull(page.nextCursor());

        assertEquals(0, store.expire(now).await().indefinitely());
        assertTrue(Files.exists(fresh), "a temp file younger than a minute may be a write in progress");
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(partialCopy));
        assertArrayEquals(json("1"), load(key).values().get("a"), "the session beside its stale temp file is intact");

        assertEquals(0, store.expire(now.plus(Duration.ofMinutes(2))).await().indefinitely());
        assertEquals(List.of(key.toHex() + ".json"), fileNames());
    }

    @Test
    void sessionsSurviveANewStoreOnTheSameDirectory() {
        SessionKey kept = newKey();
        SessionKey deleted = newKey();
        SessionKey renamed = newKey();
        SessionKey renamedTo = newKey();
        store.create(kept, new SessionRecord(NOW, NOW, Duration.ofHours(8), NOW.plus(Duration.ofHours(8)),
                Map.of("cart", json("[1,2]")))).await().indefinitely();
        store.update(kept, new SessionUpdate(NOW.plusSeconds(9), null, NOW.plus(Duration.ofHours(9)),
                Map.of("user", json("\"alice\"")), Set.of("cart"))).await().indefinitely();
        store.create(deleted, record(Map.of())).await().indefinitely();
        store.delete(deleted).await().indefinitely();
        store.create(renamed, record(Map.of("x", json("true")))).await().indefinitely();
        store.changeKey(renamed, renamedTo).await().indefinitely();

        SessionStore restarted = new FilesystemSessionStore(directory);
        SessionRecord loaded = restarted.load(kept).await().indefinitely();
        assertEquals(NOW, loaded.createdAt());
        assertEquals(NOW.plusSeconds(9), loaded.lastAccessedAt());
        assertEquals(Duration.ofHours(8), loaded.idleTimeout());
        assertEquals(NOW.plus(Duration.ofHours(9)), loaded.expiresAt());
        assertEquals(Set.of("user"), loaded.values().keySet());
        assertArrayEquals(json("\"alice\""), loaded.values().get("user"));
        assertNull(restarted.load(deleted).await().indefinitely());
        assertNull(restarted.load(renamed).await().indefinitely());
        assertArrayEquals(json("true"), restarted.load(renamedTo).await().indefinitely().values().get("x"));
        assertTrue(restarted.update(kept, puts(Map.of("visits", json("1")))).await().indefinitely());
        assertEquals(Set.of("user", "visits"), load(kept).values().keySet(), "the first store sees the second's write");
    }

    @Test
    void valuesComeBackExactly() {
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("decimal", json("0.1000000000000000055511151231257827"));
        values.put("huge", json("123456789012345678901234567890"));
        values.put("exponent", json("1.5E+400"));
        values.put("text", json("\"h\\u00e9llo \\\"w\\\"\\n\\ud83d\\ude00 π\""));
        values.put("nested", json("{\"a\":[1,{\"b\":null},false],\"c\":{}}"));
        values.put("key with \"quotes\" and é", json("null"));
        values.put("", json("\"\""));
        SessionKey key = newKey();
        store.create(key, record(values)).await().indefinitely();
        store.update(key, puts(Map.of("later", json("[]")))).await().indefinitely();
        Map<String, byte[]> loaded = load(key).values();

        assertEquals(values.size() + 1, loaded.size());
        assertArrayEquals(json("0.1000000000000000055511151231257827"), loaded.get("decimal"), "no double rounding");
        assertArrayEquals(json("123456789012345678901234567890"), loaded.get("huge"));
        assertEquals(new java.math.BigDecimal("1.5E+400"),
                new java.math.BigDecimal(new String(loaded.get("exponent"), StandardCharsets.UTF_8)));
        assertArrayEquals(json("{\"a\":[1,{\"b\":null},false],\"c\":{}}"), loaded.get("nested"));
        assertArrayEquals(json("\"h\u00e9llo \\\"w\\\"\\n\ud83d\ude00 π\""), loaded.get("text"),
                "the same string, escapes normalised");
        assertArrayEquals(json("null"), loaded.get("key with \"quotes\" and é"));
        assertArrayEquals(json("\"\""), loaded.get(""));
        assertArrayEquals(json("[]"), loaded.get("later"));
    }

    @Test
    void malformedValuesAreRejectedAndNothingIsWritten() throws IOException {
        SessionKey key = newKey();
        for (String bad : List.of("", " ", "{\"a\":", "1 2", "{} {}", "[1,]", "'single'", "undefined",
                "{\"a\":1}x")) {
            Throwable failure = assertThrows(IllegalArgumentException.class,
                    () -> store.create(key, record(Map.of("bad", json(bad)))).await().indefinitely(), bad);
            assertTrue(failure.getMessage().contains("'bad'"), failure.getMessage());
        }
        assertFalse(Files.exists(fileOf(key)));

        store.create(key, record(Map.of("good", json("1")))).await().indefinitely();
        byte[] before = Files.readAllBytes(fileOf(key));
        assertThrows(IllegalArgumentException.class,
                () -> store.update(key, puts(Map.of("bad", new byte[] { '"', (byte) 0xC3, '"' }))).await()
                        .indefinitely(),
                "invalid UTF-8");
        assertArrayEquals(before, Files.readAllBytes(fileOf(key)), "a rejected update leaves the file alone");
        assertEquals(List.of(key.toHex() + ".json"), fileNames(), "and no temp file");
    }

    @Test
    void deeplyNestedValuesWithinJacksonsLimitStayReadable() {
        int depth = 1000;
        String nested = "[".repeat(depth) + "]".repeat(depth);
        SessionKey key = newKey();
        store.create(key, record(Map.of("deep", json(nested)))).await().indefinitely();
        assertArrayEquals(json(nested), load(key).values().get("deep"));
        assertThrows(IllegalArgumentException.class, () -> store.create(newKey(),
                record(Map.of("deeper", json("[" + nested + "]")))).await().indefinitely());
    }

    @Test
    void largeValuesRoundTrip() {
        String big = "x".repeat(FilesystemSessionStore.MAX_FILE_SIZE - 1_000);
        SessionKey key = newKey();
        store.create(key, record(Map.of("big", json("\"" + big + "\"")))).await().indefinitely();
        assertArrayEquals(json("\"" + big + "\""), load(key).values().get("big"));
    }

    @Test
    void directoryIsRecreatedIfDeleted() throws IOException {
        assertNull(load(newKey()), "loading from a directory that does not exist yet");
        assertEquals(0, store.expire(NOW).await().indefinitely());
        assertTrue(store.list(null, 10).await().indefinitely().sessions().isEmpty());
        assertFalse(Files.exists(directory), "reads create nothing");

        store.create(newKey(), record(Map.of())).await().indefinitely();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
        SessionKey key = newKey();
        store.create(key, record(Map.of())).await().indefinitely();
        assertNotNull(load(key));
    }

    @Test
    void ioErrorsFailTheUni() throws IOException {
        // A file where the directory should be: every write fails with a real I/O error, not a silent absence.
        Files.createDirectories(directory.getParent());
        Files.writeString(directory, "in the way");
        // Mutiny's await wraps checked exceptions.
        Throwable failure = assertThrows(RuntimeException.class,
                () -> store.create(newKey(), record(Map.of())).await().indefinitely());
        assertIoFailure(failure);
        failure = assertThrows(RuntimeException.class, () -> store.list(null, 10).await().indefinitely());
        assertIoFailure(failure);
    }

    /** The cause is the I/O exception, kept by its type without its message (which holds the file's path). */
    static void assertIoFailure(Throwable failure) {
        Throwable cause = assertInstanceOf(RedactedFailure.class, failure.getCause(), failure.toString());
        String type = cause.getMessage().replaceAll("[: ].*", "");
        assertTrue(assertDoesNotThrow(() -> IOException.class.isAssignableFrom(Class.forName(type))), cause.toString());
    }

    @Test
    void operationsRunOffTheCallingThread() {
        SessionKey key = newKey();
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        store.create(key, record(Map.of())).invoke(() -> ranOn.set(Thread.currentThread())).await().indefinitely();
        assertNotNull(ranOn.get());
        assertNotEquals(caller, ranOn.get());
    }

    @Test
    void deleteRacingUpdatesNeverResurrects() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 100; i++) {
                SessionKey key = newKey();
                store.create(key, record(Map.of())).await().indefinitely();
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Boolean>> updates = new ArrayList<>();
                for (int u = 0; u < 3; u++) {
                    int n = u;
                    updates.add(CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return store.update(key, puts(Map.of("k" + n, json("1")))).await().indefinitely();
                    }, threads));
                }
                CompletableFuture<Boolean> delete = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return store.delete(key).await().indefinitely();
                }, threads);
                start.countDown();
                assertTrue(delete.join());
                updates.forEach(CompletableFuture::join);
                assertNull(load(key), "run " + i + ": a late update brought the session back");
                assertFalse(Files.exists(fileOf(key)));
            }
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(0, files.count(), "no temp file left");
        }
    }

    @Test
    void concurrentUpdatesOfManySessionsAllSurvive() {
        List<SessionKey> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SessionKey key = newKey();
            keys.add(key);
            store.create(key, record(Map.of())).await().indefinitely();
        }
        List<CompletableFuture<Boolean>> updates = new ArrayList<>();
        for (SessionKey key : keys) {
            for (int i = 0; i < 16; i++) {
                int n = i;
                updates.add(CompletableFuture.supplyAsync(
                        () -> store.update(key, puts(Map.of("k" + n, json(Integer.toString(n))))).await()
                                .indefinitely()));
            }
        }
        updates.forEach(update -> assertTrue(update.join()));
        for (SessionKey key : keys) {
            assertEquals(16, load(key).values().size());
        }
    }

    @Test
    void listCursorIsTheLastFileName() {
        for (int i = 0; i < 5; i++) {
            store.create(newKey(), record(Map.of())).await().indefinitely();
        }
        SessionPage first = store.list(null, 2).await().indefinitely();
        List<String> names = first.sessions().stream().map(summary -> summary.key().toHex() + ".json").toList();
        assertEquals(names.stream().sorted().toList(), names, "in file name order");
        assertEquals(names.get(1), first.nextCursor());
        SessionPage last = store.list(store.list(first.nextCursor(), 2).await().indefinitely().nextCursor(), 2)
                .await().indefinitely();
        assertEquals(1, last.sessions().size());
        assertNull(last.nextCursor());
        assertThrows(IllegalArgumentException.class, () -> store.list(null, 0).await().indefinitely());
    }

    @Test
    void directoryIsAbsolute() {
        assertTrue(filesystemStore().directory().isAbsolute());
        FilesystemSessionStore relative = new FilesystemSessionStore(Path.of("./sessions"));
        assertEquals(Path.of("").toAbsolutePath().resolve("sessions"), relative.directory());
    }

    Set<SessionKey> listAll() {
        Set<SessionKey> keys = new HashSet<>();
        String cursor = null;
        do {
            SessionPage page = store.list(cursor, 3).await().indefinitely();
            keys.addAll(page.sessions().stream().map(SessionSummary::key).collect(Collectors.toSet()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return keys;
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
