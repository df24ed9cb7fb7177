package io.quarkiverse.session.test.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Session directories that the filesystem store must refuse at startup, made fresh under {@code target/} when a test
 * class is initialised, before its application starts.
 */
final class SessionDirectories {

    private static final Path ROOT = Path.of("target", "untrusted-session-directories").toAbsolutePath();

    private SessionDirectories() {
    }

    /** A new directory of this process's user with the given permissions, e.g. {@code rwxrwx---}. */
    static String withPermissions(String name, String permissions) {
        Path directory = fresh(name);
        try {
            Files.createDirectory(directory);
            // Set after creation: the umask would take bits away from a permission given at creation.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory.toString();
    }

    /** A symbolic link to a new directory that would be accepted itself: {@code 0700}, of this process's user. */
    static String linkToPrivateDirectory(String name) {
        Path link = fresh(name);
        try {
            Path real = Files.createDirectory(fresh(name + "-real"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createSymbolicLink(link, real);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return link.toString();
    }

    /** A new {@code 0700} directory given to the user {@code nobody}; only root can make one. */
    static String ownedByNobody(String name) {
        Path directory = fresh(name);
        try {
            Files.createDirectory(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setOwner(directory, nobody());
        } catch (IOException e) {
            // Not root: the test class that asks is disabled by canGiveDirectoriesAway, and never starts.
        }
        return directory.toString();
    }

    /** Whether this process may give a directory to another user: it runs as root. */
    static boolean canGiveDirectoriesAway() {
        Path probe = fresh("owner-probe");
        try {
            Files.createDirectory(probe);
            Files.setOwner(probe, nobody());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static UserPrincipal nobody() throws IOException {
        return ROOT.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    private static Path fresh(String name) {
        Path path = ROOT.resolve(name);
        try {
            Files.createDirectories(ROOT);
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }
}
