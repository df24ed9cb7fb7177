package io.quarkiverse.session.runtime.store.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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
 * written; the tests run as root in CI, so they use paths that no permission bit makes unusable. It fails too, naming
 * the property and the fix, when the directory is not private to this process's user: whoever can write in it can plant
 * a session.
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
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux /proc");
        // It exists, belongs to this process's user with permissions r-x------, and not even root can create a file in
        // it.
        ConfigurationException failure = assertUnusable(Path.of("/proc/self/fd"));
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

    @Test
    void symbolicLinkToAPrivateDirectoryIsRefused() throws IOException {
        Path real = createPrivateDirectory(temp.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("sessions"), real);
        String message = assertUntrusted(link);
        assertTrue(message.contains("a symbolic link"), message);
        assertEquals(List.of(), fileNames(real), "nothing was created through the link");
    }

    @Test
    void danglingSymbolicLinkIsRefusedAndNotFollowed() throws IOException {
        Path target = temp.resolve("target");
        Path link = Files.createSymbolicLink(temp.resolve("sessions"), target);
        String message = assertUntrusted(link);
        assertTrue(message.contains("a symbolic link"), message);
        assertTrue(Files.notExists(target, LinkOption.NOFOLLOW_LINKS), "the link's target was not created");
    }

    @Test
    void directoryWithPermissionsForGroupOrOthersIsRefused() throws IOException {
        assumeTrue(isPosix(), "POSIX file system");
        for (String permissions : List.of("rwxrwx---", "rwx---rwx", "rwxr-x---", "rwx-----x", "rwx---r--")) {
            Path directory = Files.createDirectory(temp.resolve(permissions),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // Set after creation: the umask would take bits away from a permission given at creation.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
            String message = assertUntrusted(directory);
            assertTrue(message.contains("permissions " + permissions), message);
            assertTrue(message.contains("chmod 700 '" + directory + "'"), message);
            assertEquals(List.of(), fileNames(directory), permissions + ": nothing was created in it");
        }
    }

    @Test
    void directoryOfAnotherUserIsRefused() throws IOException {
        assumeTrue(isPosix(), "POSIX file system");
        Path directory = createPrivateDirectory(temp.resolve("sessions"));
        UserPrincipal nobody;
        try {
            nobody = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(directory, nobody);
        } catch (IOException e) {
            // Only root may give a directory away.
            abort("cannot change the owner of a directory: " + e);
            return;
        }
        String message = assertUntrusted(directory);
        assertTrue(message.contains("owned by nobody"), message);
        String user = Files.getOwner(temp).getName();
        assertTrue(message.contains("chown " + user + " '" + directory + "'"), message);
    }

    @Test
    void parentWritableByEveryoneIsRefusedUnlessSticky() throws Exception {
        assumeTrue(isPosix(), "POSIX file system");
        Path parent = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path directory = parent.resolve("sessions");
        String message = assertUntrusted(directory);
        assertTrue(message.contains("in " + parent.toRealPath() + ", a directory anyone can write to"), message);
        assertTrue(message.contains("chmod o-w '" + parent.toRealPath() + "'"), message);

        // As /tmp: only a file's owner may rename it, so no one can swap the directory.
        Process chmod = new ProcessBuilder("chmod", "1777", parent.toString()).inheritIO().start();
        assumeTrue(chmod.waitFor() == 0, "chmod +t");
        assertNotNull(FilesystemSessionStore.open(directory));
    }

    @Test
    void parentWritableByItsGroupIsAccepted() throws IOException {
        assumeTrue(isPosix(), "POSIX file system");
        Path parent = Files.createDirectory(temp.resolve("project"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertNotNull(FilesystemSessionStore.open(parent.resolve("sessions")));
    }

    private boolean isPosix() {
        return temp.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static Path createPrivateDirectory(Path path) throws IOException {
        return Files.createDirectory(path,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Asserts the failure of an untrusted directory, and returns its message. */
    private static String assertUntrusted(Path directory) {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> FilesystemSessionStore.open(directory));
        String message = failure.getMessage();
        assertTrue(message.startsWith(PROPERTY + " is " + directory + ", "), message);
        assertTrue(message.contains("logged in as anyone") || message.contains("one of their own"),
                "says why: " + message);
        assertEquals(Set.of(PROPERTY), failure.getConfigKeys());
        return message;
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
