package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import io.quarkiverse.session.spi.SessionKey;

/**
 * The directory of session files: their names, the atomic write of one, and the listing. Only names of exactly the
 * forms {@code <64 hex>.json} (a session) and {@code .<64 hex>.<16 hex>.tmp} (a write in progress) are ever read, listed
 * or deleted. Does no locking: callers hold the key's lock.
 */
final class SessionDirectory {

    private static final Logger LOG = Logger.getLogger(SessionDirectory.class);

    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".tmp";
    /** How old a temporary file must be before a sweep deletes it: far longer than any write takes. */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);

    private static final int HEX_LENGTH = 64;
    private static final int RANDOM_HEX_LENGTH = 16;
    private static final int SESSION_NAME_LENGTH = HEX_LENGTH + SUFFIX.length();
    // "." + key + "." + random + ".tmp"
    private static final int TEMP_NAME_LENGTH = 1 + HEX_LENGTH + 1 + RANDOM_HEX_LENGTH + TEMP_SUFFIX.length();

    /** The hash in the name of the file that {@link #probe} creates: no session's. */
    private static final String PROBE_HEX = "0".repeat(HEX_LENGTH);

    private final Path path;
    private final boolean posix;
    private final FileAttribute<?>[] directoryAttributes;
    private final FileAttribute<?>[] fileAttributes;

    /** Does no I/O. */
    SessionDirectory(Path path) {
        this.path = path.toAbsolutePath().normalize();
        this.posix = this.path.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.directoryAttributes = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
                : new FileAttribute<?>[0];
        this.fileAttributes = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
    }

    /** The absolute, normalised path of the directory. */
    Path path() {
        return path;
    }

    Path fileOf(SessionKey key) {
        return path.resolve(key.toHex() + SUFFIX);
    }

    /**
     * Reads a session's file.
     *
     * @return its bytes, or {@code null} if there is no such file
     */
    byte[] readOrNull(SessionKey key) throws IOException {
        try {
            return Files.readAllBytes(fileOf(key));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Writes a session's file: a temporary file first, forced to the device, then renamed over the session's file, so
     * that a crash at any instant leaves either the old file or the new one.
     */
    void write(SessionKey key, byte[] content) throws IOException {
        String hex = key.toHex();
        Path temp = newTempFile(hex);
        FileChannel channel = openTemp(temp);
        try {
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Before the rename: once the file has its name, its content must survive a power failure too.
                channel.force(true);
            }
            Files.move(temp, path.resolve(hex + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Renames a session's file atomically.
     *
     * @throws NoSuchFileException if {@code from} has no file
     */
    void move(SessionKey from, SessionKey to) throws IOException {
        Files.move(fileOf(from), fileOf(to), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a session's file, without forcing the directory to the device. */
    boolean delete(SessionKey key) throws IOException {
        return Files.deleteIfExists(fileOf(key));
    }

    /**
     * Creates the directory if it is missing, as the first write would.
     *
     * @throws NotDirectoryException if something other than a directory is at its path
     */
    void create() throws IOException {
        createDirectory();
        if (!Files.isDirectory(path)) {
            throw new NotDirectoryException(path.toString());
        }
    }

    /**
     * Proves that files can be created in the directory: creates an empty temporary file, as a write does, and deletes
     * it. A crash in between leaves a temporary file like any other, which the sweep deletes.
     */
    void probe() throws IOException {
        Path probe = newTempFile(PROBE_HEX);
        openTemp(probe).close();
        Files.delete(probe);
    }

    private Path newTempFile(String hex) {
        return path.resolve('.' + hex + '.' + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + TEMP_SUFFIX);
    }

    private FileChannel openTemp(Path temp) throws IOException {
        try {
            return FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    fileAttributes);
        } catch (NoSuchFileException e) {
            // The first write, or the directory was deleted: create it and try once more.
            createDirectory();
            return FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    fileAttributes);
        }
    }

    private void createDirectory() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(path, directoryAttributes);
            LOG.debug("Created the session directory");
        } catch (FileAlreadyExistsException e) {
            // Created by a concurrent write; if it is a file instead, the retried open reports it.
        }
    }

    /**
     * Makes deletions and renames durable. Best effort: some platforms (Windows) cannot open a directory, and the
     * change already holds for this process.
     */
    void sync() {
        if (!posix) {
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("Could not force the session directory to the device (%s)", e.getClass().getName());
        }
    }

    /**
     * Returns, in order, the {@code count} smallest session file names after {@code cursor}, keeping no more than that
     * many in memory however large the directory.
     */
    List<String> firstNamesAfter(String cursor, long count) throws IOException {
        PriorityQueue<String> smallest = new PriorityQueue<>((int) Math.min(count, 1024), Comparator.reverseOrder());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isSessionFileName(name) || (cursor != null && name.compareTo(cursor) <= 0)) {
                    continue;
                }
                if (smallest.size() < count) {
                    smallest.add(name);
                } else if (name.compareTo(smallest.peek()) < 0) {
                    smallest.poll();
                    smallest.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        List<String> names = new ArrayList<>(smallest);
        Collections.sort(names);
        return names;
    }

    /**
     * Whether a temporary file is older than {@link #STALE_TEMP_AGE} at {@code nowMillis}: only a crash leaves one behind
     * that long.
     */
    static boolean isStale(Path temp, long nowMillis) throws IOException {
        try {
            return Files.getLastModifiedTime(temp).toMillis() <= nowMillis - STALE_TEMP_AGE.toMillis();
        } catch (NoSuchFileException e) {
            // Renamed into place or deleted meanwhile.
            return false;
        }
    }

    /** The key a session file is named after; only for names that {@link #isSessionFileName} accepts. */
    static SessionKey keyOf(String sessionFileName) {
        return SessionKey.ofHex(sessionFileName.substring(0, HEX_LENGTH));
    }

    static boolean isSessionFileName(String name) {
        return name.length() == SESSION_NAME_LENGTH && name.endsWith(SUFFIX) && isHex(name, 0, HEX_LENGTH);
    }

    static boolean isTempFileName(String name) {
        return name.length() == TEMP_NAME_LENGTH && name.charAt(0) == '.' && isHex(name, 1, 1 + HEX_LENGTH)
                && name.charAt(1 + HEX_LENGTH) == '.'
                && isHex(name, 2 + HEX_LENGTH, 2 + HEX_LENGTH + RANDOM_HEX_LENGTH) && name.endsWith(TEMP_SUFFIX);
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
