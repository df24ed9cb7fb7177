package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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
 * or deleted. No file is opened through a symbolic link, and no read holds more than {@link #maxFileSize} bytes of a
 * file in memory. Does no locking: callers hold the key's lock.
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

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    // CREATE_NEW already refuses a link at the name; NOFOLLOW_LINKS says so where it is read.
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    private final Path path;
    private final int maxFileSize;
    private final boolean posix;
    private final FileAttribute<?>[] directoryAttributes;
    private final FileAttribute<?>[] fileAttributes;

    /**
     * Does no I/O.
     *
     * @param maxFileSize the size of the largest file this directory reads or writes
     */
    SessionDirectory(Path path, int maxFileSize) {
        this.path = path.toAbsolutePath().normalize();
        this.maxFileSize = maxFileSize;
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

    /** Whether the file system has POSIX permissions and owners, which the startup check needs. */
    boolean isPosix() {
        return posix;
    }

    /** The attributes a directory the store creates is given: permissions {@code 0700} where there are any. */
    FileAttribute<?>[] directoryAttributes() {
        return directoryAttributes.clone();
    }

    /** The attributes a file the store creates is given: permissions {@code 0600} where there are any. */
    FileAttribute<?>[] fileAttributes() {
        return fileAttributes.clone();
    }

    /** The size of the largest file this directory reads or writes. */
    int maxFileSize() {
        return maxFileSize;
    }

    /**
     * Reads a session's file, without following a link, and never more than {@link #maxFileSize} bytes of it.
     *
     * @return its bytes, or {@code null} if there is no such file
     * @throws NotASessionFileException if the name is a symbolic link or the file is larger than {@link #maxFileSize}:
     *         nothing this store wrote, and nothing to read
     * @throws IOException if it cannot be read, or is neither a regular file nor a link (a directory, a pipe, which is
     *         not opened: a read of a pipe would wait for a writer)
     */
    byte[] readOrNull(SessionKey key) throws IOException, NotASessionFileException {
        Path file = fileOf(key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (attributes.isSymbolicLink()) {
            throw new NotASessionFileException("a symbolic link");
        }
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "not a regular file");
        }
        if (attributes.size() > maxFileSize) {
            throw tooLarge();
        }
        byte[] content;
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, READ))) {
            // One byte more than the limit: a file that grew since its size was read is still refused.
            content = in.readNBytes(maxFileSize + 1);
        } catch (NoSuchFileException e) {
            // Deleted since its attributes were read.
            return null;
        } catch (FileSystemException e) {
            // O_NOFOLLOW fails with ELOOP on a link that replaced the file since its attributes were read.
            if (Files.isSymbolicLink(file)) {
                throw new NotASessionFileException("a symbolic link");
            }
            throw e;
        }
        if (content.length > maxFileSize) {
            throw tooLarge();
        }
        return content;
    }

    private NotASessionFileException tooLarge() {
        return new NotASessionFileException("larger than " + maxFileSize + " bytes");
    }

    /**
     * Whether anything, a session file or not, has the name of a session's file; a link is not followed.
     */
    boolean hasFile(SessionKey key) throws IOException {
        try {
            Files.readAttributes(fileOf(key), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Writes a session's file: a temporary file first, forced to the device, then renamed over the session's file, so
     * that a crash at any instant leaves either the old file or the new one. The rename replaces whatever has the name,
     * a link included, and never follows it.
     *
     * @throws IllegalArgumentException if the content is larger than {@link #maxFileSize}: this directory would not read
     *         it back
     */
    void write(SessionKey key, byte[] content) throws IOException {
        if (content.length > maxFileSize) {
            throw new IllegalArgumentException("Session " + key.shortHash() + " is " + content.length
                    + " bytes as a file, more than the " + maxFileSize + " bytes the filesystem store reads");
        }
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
     * Creates the directory with permissions {@code 0700} if it is missing, as the first write would. Whatever is at the
     * path already stays as it is, for {@link DirectoryCheck} to judge.
     */
    void create() throws IOException {
        createDirectory();
    }

    /**
     * Proves that files can be created in the directory: creates an empty temporary file, as a write does, and deletes
     * it. A crash in between leaves a temporary file like any other, which the sweep deletes.
     *
     * @return the owner of the file, the user this process creates files as; {@code null} on a file system without
     *         POSIX owners
     */
    UserPrincipal probe() throws IOException {
        Path probe = newTempFile(PROBE_HEX);
        openTemp(probe).close();
        try {
            return posix ? Files.readAttributes(probe, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).owner()
                    : null;
        } finally {
            Files.delete(probe);
        }
    }

    private Path newTempFile(String hex) {
        return path.resolve('.' + hex + '.' + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + TEMP_SUFFIX);
    }

    private FileChannel openTemp(Path temp) throws IOException {
        try {
            return FileChannel.open(temp, CREATE, fileAttributes);
        } catch (NoSuchFileException e) {
            // The first write, or the directory was deleted: create it and try once more.
            createDirectory();
            return FileChannel.open(temp, CREATE, fileAttributes);
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
            // Created by a concurrent write; if it is a file or a link instead, the startup check or the retried open
            // reports it.
        }
    }

    /**
     * Makes deletions and renames durable. Best effort: some platforms (Windows) cannot open a directory, and the
     * change already holds for this process.
     */
    void sync() {
        sync(path);
    }

    /**
     * Makes the creations, deletions and renames in a directory of the store (this one, or one of the principal index)
     * durable, as {@link #sync()}.
     */
    void sync(Path directory) {
        if (!posix) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("Could not force a directory of the session store to the device (%s)", e.getClass().getName());
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

    /** Whether a name is exactly 64 lower-case hex digits: a key's {@link SessionKey#toHex()}, or any SHA-256. */
    static boolean isHashName(String name) {
        return name.length() == HEX_LENGTH && isHex(name, 0, HEX_LENGTH);
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
