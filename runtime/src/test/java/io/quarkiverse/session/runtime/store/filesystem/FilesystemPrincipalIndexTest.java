package io.quarkiverse.session.runtime.store.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.session.runtime.store.SessionStoreTestSupport;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;

/**
 * The principal index on disk: where its markers are, that the sweep and readers delete those whose session is gone,
 * that files of the previous format load unbound, and that nothing else mistakes the index for sessions. The store TCK
 * checks what {@code findByPrincipal} answers; this checks the files.
 */
class FilesystemPrincipalIndexTest extends SessionStoreTestSupport {

    @TempDir
    Path temp;

    Path directory;

    @Override
    protected SessionStore createStore() {
        directory = temp.resolve("sessions");
        return new FilesystemSessionStore(directory);
    }

    @Test
    void aBoundSessionHasAMarkerThatFollowsItsBindings() throws IOException {
        SessionKey key = newKey();
        store.create(key, bound(record(Map.of()), "alice")).await().indefinitely();
        assertEquals(Set.of(key.toHex()), markersOf("alice"), "one empty file, named by the key, under the name's hash");
        assertEquals(0, Files.size(principalDirectory("alice").resolve(key.toHex())));
        String content = Files.readString(fileOf(key), StandardCharsets.UTF_8);
        assertTrue(content.startsWith("{\"format\":2,") && content.contains("\"principal\":\"alice\""), content);

        assertTrue(store.update(key, rebind("bob")).await().indefinitely());
        assertEquals(Set.of(), markersOf("alice"));
        assertFalse(Files.exists(principalDirectory("alice")), "the emptied directory is deleted");
        assertEquals(Set.of(key.toHex()), markersOf("bob"));

        SessionKey moved = newKey();
        assertTrue(store.changeKey(key, moved).await().indefinitely());
        assertEquals(Set.of(moved.toHex()), markersOf("bob"), "the marker follows a change of key");

        assertTrue(store.update(moved, rebind(null)).await().indefinitely());
        assertEquals(Set.of(), markersOf("bob"));
        content = Files.readString(fileOf(moved), StandardCharsets.UTF_8);
        assertTrue(content.startsWith("{\"format\":1,") && !content.contains("principal"),
                "an unbound session is written as before principals: " + content);
    }

    @Test
    void aFileOfThePreviousFormatLoadsUnbound() throws IOException {
        SessionKey key = newKey();
        Files.createDirectories(directory);
        // Exactly what the store wrote before it had principals.
        long now = NOW.toEpochMilli();
        Files.writeString(fileOf(key), "{\"format\":1,\"expires\":" + (now + Duration.ofHours(1).toMillis())
                + ",\"created\":" + now + ",\"lastAccessed\":" + now + ",\"idleTimeout\":1800000,"
                + "\"values\":{\"cart\":[1,2]}}");

        SessionRecord loaded = load(key);
        assertNotNull(loaded);
        assertNull(loaded.principal());
        assertArrayEquals(json("[1,2]"), loaded.values().get("cart"));
        assertEquals(Duration.ofMinutes(30), loaded.idleTimeout());
        assertEquals(List.of(), store.findByPrincipal("alice").await().indefinitely());

        assertTrue(store.update(key, rebind("alice")).await().indefinitely(), "a login binds it");
        assertEquals(List.of(key), keysOf(store.findByPrincipal("alice").await().indefinitely()));
        assertArrayEquals(json("[1,2]"), load(key).values().get("cart"), "with its values");
    }

    @Test
    void invalidPrincipalsInAFileMakeItNoSession() throws IOException {
        long now = NOW.toEpochMilli();
        String times = "\"expires\":" + (now + Duration.ofHours(1).toMillis()) + ",\"created\":" + now
                + ",\"lastAccessed\":" + now + ",";
        String longest = "a".repeat(SessionFileFormat.MAX_PRINCIPAL_LENGTH);
        SessionKey valid = newKey();
        Files.createDirectories(directory);
        Files.writeString(fileOf(valid), "{\"format\":2," + times + "\"principal\":\"" + longest + "\",\"values\":{}}");
        assertEquals(longest, load(valid).principal(), "a name of the longest length is read");

        Map<String, String> broken = Map.of(
                "too long", "{\"format\":2," + times + "\"principal\":\"" + longest + "b\",\"values\":{}}",
                "not a string", "{\"format\":2," + times + "\"principal\":[\"alice\"],\"values\":{}}",
                "null", "{\"format\":2," + times + "\"principal\":null,\"values\":{}}",
                "a lone surrogate", "{\"format\":2," + times + "\"principal\":\"a\\ud800\",\"values\":{}}",
                "a principal in a format 1 file", "{\"format\":1," + times + "\"principal\":\"alice\",\"values\":{}}",
                "no principal in a format 2 file", "{\"format\":2," + times + "\"values\":{}}");
        for (Map.Entry<String, String> file : broken.entrySet()) {
            SessionKey key = newKey();
            Files.writeString(fileOf(key), file.getValue());
            assertNull(load(key), file.getKey() + ": no session");
        }
        assertEquals(0, store.expire(NOW).await().indefinitely());
        assertEquals(Set.of(valid.toHex() + ".json"), sessionFileNames(), "the sweep deleted them as unreadable");
    }

    @Test
    void aPrincipalNameTooLongIsRefusedAndNothingIsWritten() throws IOException {
        String tooLong = "a".repeat(SessionFileFormat.MAX_PRINCIPAL_LENGTH + 1);
        SessionKey key = newKey();
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> store.create(key, bound(record(Map.of()), tooLong)).await().indefinitely());
        assertFalse(failure.getMessage().contains(tooLong), "the name is not in the message");
        assertFalse(Files.exists(directory), "neither the file nor a marker");

        store.create(key, record(Map.of())).await().indefinitely();
        assertThrows(IllegalArgumentException.class, () -> store.update(key, rebind(tooLong)).await().indefinitely());
        assertThrows(IllegalArgumentException.class, () -> store.update(key, rebind("\ud800")).await().indefinitely());
        assertNull(load(key).principal());
        assertFalse(Files.exists(directory.resolve(PrincipalIndex.DIRECTORY_NAME)));
        assertEquals(List.of(), store.findByPrincipal(tooLong).await().indefinitely(), "no session can be bound to it");
    }

    @Test
    void markersOfExpiredSessionsAreSwept() throws IOException {
        SessionKey expired = newKey();
        SessionKey alive = newKey();
        SessionKey bobsExpired = newKey();
        store.create(expired, bound(new SessionRecord(NOW, NOW, null, NOW.minusSeconds(1), Map.of()), "alice"))
                .await().indefinitely();
        store.create(alive, bound(record(Map.of()), "alice")).await().indefinitely();
        store.create(bobsExpired, bound(new SessionRecord(NOW, NOW, null, NOW.minusSeconds(1), Map.of()), "bob"))
                .await().indefinitely();
        assertEquals(Set.of(expired.toHex(), alive.toHex()), markersOf("alice"));

        assertEquals(2, store.expire(NOW).await().indefinitely());
        assertEquals(Set.of(alive.toHex()), markersOf("alice"));
        assertFalse(Files.exists(principalDirectory("bob")), "a principal left without sessions leaves no directory");
    }

    @Test
    void aDanglingMarkerIsNotReturnedAndIsDeletedOnceOlderThanTheGrace() throws IOException {
        SessionKey vanished = newKey();
        SessionKey kept = newKey();
        store.create(vanished, bound(record(Map.of()), "alice")).await().indefinitely();
        store.create(kept, bound(record(Map.of()), "alice")).await().indefinitely();
        // Behind the store's back: by hand, or by a previous version of the store, which kept no index.
        Files.delete(fileOf(vanished));

        assertEquals(List.of(kept), keysOf(store.findByPrincipal("alice").await().indefinitely()));
        assertEquals(Set.of(vanished.toHex(), kept.toHex()), markersOf("alice"),
                "a marker younger than the grace may be a creation in another process, whose file comes next");
        assertEquals(0, store.expire(Instant.now()).await().indefinitely());
        assertEquals(Set.of(vanished.toHex(), kept.toHex()), markersOf("alice"), "the sweep leaves it too");

        age(principalDirectory("alice").resolve(vanished.toHex()));
        age(principalDirectory("alice").resolve(kept.toHex()));
        assertEquals(List.of(kept), keysOf(store.findByPrincipal("alice").await().indefinitely()));
        assertEquals(Set.of(kept.toHex()), markersOf("alice"), "a reader deleted the dangling marker, and only it");
    }

    @Test
    void theSweepDeletesDanglingMarkersOfPrincipalsNobodyLooksUp() throws IOException {
        SessionKey vanished = newKey();
        store.create(vanished, bound(record(Map.of()), "bob")).await().indefinitely();
        Files.delete(fileOf(vanished));
        age(principalDirectory("bob").resolve(vanished.toHex()));

        assertEquals(0, store.expire(Instant.now()).await().indefinitely());
        assertFalse(Files.exists(principalDirectory("bob")), "the marker and the emptied directory are deleted");
        assertTrue(Files.isDirectory(directory.resolve(PrincipalIndex.DIRECTORY_NAME)), "the index itself stays");
    }

    @Test
    void aMarkerOfASessionBoundToAnotherPrincipalIsSkippedButKept() throws IOException {
        SessionKey key = newKey();
        store.create(key, bound(record(Map.of()), "bob")).await().indefinitely();
        // As a crash between a rebinding's write and its removal of the former principal's marker leaves it.
        Files.createDirectories(principalDirectory("alice"));
        Path stale = Files.createFile(principalDirectory("alice").resolve(key.toHex()));
        age(stale);

        assertEquals(List.of(), store.findByPrincipal("alice").await().indefinitely());
        assertTrue(Files.exists(stale), "a rebinding back to alice may be creating it again: only its writer deletes it");
        assertTrue(store.update(key, rebind("alice")).await().indefinitely());
        assertEquals(List.of(key), keysOf(store.findByPrincipal("alice").await().indefinitely()));
        assertEquals(Set.of(), markersOf("bob"));
    }

    @Test
    void neitherTheListingNorDeleteAllMistakeTheIndexForSessions() throws IOException {
        SessionKey alices = newKey();
        SessionKey anonymous = newKey();
        store.create(alices, bound(record(Map.of("a", json("1"))), "alice")).await().indefinitely();
        store.create(anonymous, record(Map.of())).await().indefinitely();

        SessionPage page = store.list(null, 10).await().indefinitely();
        Map<SessionKey, String> listed = page.sessions().stream().collect(Collectors.toMap(SessionSummary::key,
                summary -> String.valueOf(summary.principal())));
        assertEquals(Map.of(alices, "alice", anonymous, "null"), listed, "the sessions, with their principals");

        assertEquals(2, store.deleteAll().await().indefinitely());
        assertEquals(Set.of(), sessionFileNames());
        assertFalse(Files.exists(principalDirectory("alice")), "deleteAll emptied the index");
        assertEquals(List.of(), store.findByPrincipal("alice").await().indefinitely());
    }

    @Test
    void theIndexIsSharedWithAnotherStoreOnTheDirectory() {
        SessionKey key = newKey();
        store.create(key, bound(record(Map.of()), "alice")).await().indefinitely();

        SessionStore other = new FilesystemSessionStore(directory);
        assertEquals(List.of(key), keysOf(other.findByPrincipal("alice").await().indefinitely()),
                "after a restart, or in a second instance");
        SessionKey moved = newKey();
        assertTrue(other.changeKey(key, moved).await().indefinitely());
        assertEquals(List.of(moved), keysOf(store.findByPrincipal("alice").await().indefinitely()));
        assertTrue(other.delete(moved).await().indefinitely());
        assertEquals(List.of(), store.findByPrincipal("alice").await().indefinitely());
    }

    @Test
    void aLinkInPlaceOfAPrincipalsDirectoryIsNotFollowed() throws IOException {
        SessionKey key = newKey();
        store.create(key, bound(record(Map.of()), "bob")).await().indefinitely();
        // A directory elsewhere, holding a file named like a marker, which a dangling-marker cleanup would delete.
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Path victim = Files.createFile(elsewhere.resolve(newKey().toHex()));
        age(victim);
        Files.createSymbolicLink(principalDirectory("alice"), elsewhere);

        Throwable failure = assertThrows(RuntimeException.class,
                () -> store.findByPrincipal("alice").await().indefinitely());
        FilesystemSessionStoreTest.assertIoFailure(failure);
        assertThrows(RuntimeException.class,
                () -> store.update(key, rebind("alice")).await().indefinitely(), "no marker is created through it");
        assertEquals("bob", load(key).principal(), "and the session stays as it was");
        store.expire(Instant.now()).await().indefinitely();
        assertTrue(Files.exists(victim), "nothing behind the link is read or deleted");
        assertTrue(Files.isSymbolicLink(principalDirectory("alice")), "the sweep skips the link");
    }

    // ---- Helpers ----

    static SessionRecord bound(SessionRecord record, String principal) {
        return new SessionRecord(record.createdAt(), record.lastAccessedAt(), record.idleTimeout(), record.expiresAt(),
                record.values(), principal);
    }

    static SessionUpdate rebind(String principal) {
        return new SessionUpdate(NOW.plusSeconds(1), null, NOW.plus(Duration.ofMinutes(31)), Map.of(), Set.of(),
                principal, true);
    }

    static List<SessionKey> keysOf(List<SessionEntry> entries) {
        return entries.stream().map(SessionEntry::key).toList();
    }

    /** Sets a file's time to before the grace of dangling markers. */
    static void age(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(PrincipalIndex.GRACE).minusSeconds(60)));
    }

    Path fileOf(SessionKey key) {
        return directory.resolve(key.toHex() + ".json");
    }

    Path principalDirectory(String principal) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(PrincipalIndex.DIRECTORY_NAME).resolve(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Set<String> markersOf(String principal) throws IOException {
        Path principalDirectory = principalDirectory(principal);
        if (!Files.exists(principalDirectory, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(principalDirectory)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    Set<String> sessionFileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(SessionDirectory::isSessionFileName)
                    .collect(Collectors.toSet());
        }
    }
}
