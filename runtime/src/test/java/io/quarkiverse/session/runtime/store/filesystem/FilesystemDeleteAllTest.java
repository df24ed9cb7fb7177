package io.quarkiverse.session.runtime.store.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.session.runtime.store.SessionStoreTestSupport;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionStore;

/**
 * {@code deleteAll} on the session directory: every session file goes, and nothing else in the directory does. The TCK
 * checks the sessions; this checks the files.
 */
class FilesystemDeleteAllTest extends SessionStoreTestSupport {

    @TempDir
    Path temp;

    Path directory;

    @Override
    protected SessionStore createStore() {
        directory = temp.resolve("sessions");
        return new FilesystemSessionStore(directory);
    }

    @Test
    void deleteAllDeletesTheSessionFilesAndNothingElse() throws IOException {
        for (int i = 0; i < 20; i++) {
            store.create(newKey(), record(Map.of("i", json(Integer.toString(i))))).await().indefinitely();
        }
        // A write in progress, a file of someone else, and a directory named like a session: none is the store's to
        // delete here.
        String tempName = "." + newKey().toHex() + ".0123456789abcdef.tmp";
        Files.writeString(directory.resolve(tempName), "{}");
        Files.writeString(directory.resolve("README.txt"), "not a session");
        String directoryName = newKey().toHex() + ".json";
        Files.createDirectory(directory.resolve(directoryName));

        assertEquals(20, store.deleteAll().await().indefinitely());

        assertEquals(List.of(tempName, "README.txt", directoryName).stream().sorted().toList(), fileNames());
    }

    @Test
    void deleteAllOfADirectoryNeverWrittenDeletesNothing() {
        assertFalse(Files.exists(directory));
        assertEquals(0, store.deleteAll().await().indefinitely());
        assertFalse(Files.exists(directory), "nor creates the directory");
    }

    @Test
    void aSessionCreatedAfterDeleteAllIsStoredAsUsual() throws IOException {
        store.create(newKey(), record(Map.of())).await().indefinitely();
        assertEquals(1, store.deleteAll().await().indefinitely());
        SessionKey later = newKey();
        store.create(later, record(Map.of("a", json("1")))).await().indefinitely();
        assertTrue(Files.isRegularFile(directory.resolve(later.toHex() + ".json")));
        assertEquals(1, fileNames().size());
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
