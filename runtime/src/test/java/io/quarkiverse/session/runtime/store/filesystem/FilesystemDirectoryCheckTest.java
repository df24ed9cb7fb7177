package io.quarkiverse.session.runtime.store.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * {@link FilesystemSessionStore#open} fails startup, naming the property, when the directory cannot be created or
 * written; the tests run as root in CI, so they use paths that no permission bit makes unusable.
 */
class FilesystemDirectoryCheckTest {

    private static final String PROPERTY = "quarkus.session.filesystem.path";
    private static final String FIX = "point it at a directory this process can create and write";

    @TempDir
    Path temp;

    @Test
    void directoryUnderProcCannotBeCreated() {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "Linux /proc");
        ConfigurationException failure = assertUnusable(Path.of("/proc/nope"));
        assertTrue(failure.getMessage().contains("cannot create"), failure.getMessage());
        assertTrue(Files.notExists(Path.of("/proc/nope")));
    }

    @Test
    void directoryUnderARegularFileCannotBeCreated() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "not a directory");
        ConfigurationException failure = assertUnusable(file.resolve("sessions"));
        assertTrue(failure.getMessage().contains("cannot create"), failure.getMessage());
        assertTrue(failure.getMessage().contains("FileAlreadyExistsException"), failure.getMessage());
    }

    @Test
    void regularFileIsNoDirectory() throws IOException {
        Path file = Files.writeString(temp.resolve("sessions"), "not a directory");
        ConfigurationException failure = assertUnusable(file);
        assertTrue(failure.getMessage().contains("NotDirectoryException"), failure.getMessage());
    }

    @Test
    void directoryWhereNoFileCanBeCreatedFailsTheProbe() {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "Linux /proc");
        // It exists, and not even root can create a file in it.
        ConfigurationException failure = assertUnusable(Path.of("/proc"));
        assertTrue(failure.getMessage().contains("cannot create files in"), failure.getMessage());
    }

    @Test
    void relativePathIsNamedAsConfiguredAndResolved() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "not a directory");
        Path relative = Path.of("").toAbsolutePath().relativize(file.resolve("sessions"));
        ConfigurationException failure = assertUnusable(relative);
        assertTrue(failure.getMessage().contains(file.resolve("sessions").toString()), failure.getMessage());
    }

    @Test
    void missingDirectoryIsCreatedAndNoProbeIsLeft() throws IOException {
        Path directory = temp.resolve("a").resolve("b").resolve("sessions");
        FilesystemSessionStore store = FilesystemSessionStore.open(directory);

        assertTrue(Files.isDirectory(directory));
        assertEquals(List.of(), fileNames(directory), "the probe file is deleted");
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        }
        SessionKey key = SessionKey.ofSessionId("check");
        Instant now = Instant.now();
        store.create(key, new SessionRecord(now, now, null, now.plus(Duration.ofMinutes(1)), Map.of()))
                .await().indefinitely();
        assertNotNull(store.load(key).await().indefinitely());
    }

    @Test
    void existingDirectoryKeepsItsSessions() throws IOException {
        Path directory = temp.resolve("sessions");
        SessionKey key = SessionKey.ofSessionId("kept");
        Instant now = Instant.now();
        new FilesystemSessionStore(directory)
                .create(key, new SessionRecord(now, now, null, now.plus(Duration.ofMinutes(1)), Map.of()))
                .await().indefinitely();

        FilesystemSessionStore store = FilesystemSessionStore.open(directory);
        assertNotNull(store.load(key).await().indefinitely());
        assertEquals(List.of(key.toHex() + ".json"), fileNames(directory));
    }

    private static ConfigurationException assertUnusable(Path directory) {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> FilesystemSessionStore.open(directory));
        String message = failure.getMessage();
        assertTrue(message.startsWith(PROPERTY + " is " + directory), message);
        assertTrue(message.contains(FIX), message);
        assertEquals(Set.of(PROPERTY), failure.getConfigKeys());
        assertInstanceOf(IOException.class, failure.getCause());
        return failure;
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
