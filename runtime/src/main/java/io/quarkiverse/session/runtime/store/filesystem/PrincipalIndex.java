package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.session.spi.SessionKey;

/**
 * The sessions of each principal, on disk beside the session files, so that the index survives restarts and every
 * process using the directory sees it: {@code .principals/<hex>/<key hex>}, where {@code <hex>} is the SHA-256 of the
 * principal's name in UTF-8 (any name is a safe path) and each empty marker file names a session bound to it. The
 * session file stays the truth; the markers only say which files to read. The protocol, whose invariants a change must
 * keep:
 * <ol>
 * <li><em>A marker before the binding.</em> Whatever makes a session file name a principal (a bound create, a rebinding,
 * a change of key, for the new key) first creates the marker and forces its directory to the device, then writes the
 * file. So whenever a file names a principal, its marker exists, whatever crashed or lost power at any instant: a
 * session is never missing from its principal's index. The cost is one more forced write per login.</li>
 * <li><em>A marker removed after the unbinding.</em> The marker of the principal a file named is removed only once the
 * file no longer names it (an unbinding, a rebinding, a deletion, the old key of a change of key, the sweep,
 * {@code deleteAll}), and once that change is forced to the device, where a power failure could otherwise undo it but
 * not the removal (the sweep does not force it: a session it deleted that comes back has expired, and is deleted
 * again). A crash in between leaves a marker too many, never one too few.</li>
 * <li><em>Readers trust no marker.</em> {@code findByPrincipal} reads every session its principal's markers name, and
 * returns those whose file exists and names exactly that principal: a marker too many costs a read, never a wrong
 * answer, and a name whose hash collides with another's finds only its own sessions.</li>
 * <li><em>Only dangling markers are deleted by others.</em> Besides the writers of rule 2, readers and the sweep delete a
 * marker only if its session file does not exist: keys are never reused, so it cannot become right again, but for the
 * instants of rule 1 between the marker and the file. Those are excluded by holding the key's lock (for writers in this
 * process) and by leaving alone markers younger than {@link #GRACE} (for a writer in another process sharing the
 * directory: far longer than a write takes). A marker whose session names another principal is never deleted but by
 * that session's writers: a rebinding back to this principal may have just created it again.</li>
 * <li><em>Empty directories go lazily.</em> A principal's directory is deleted when a removal may have emptied it, and by
 * the sweep. Deleting a directory that is not empty fails, atomically, so no marker is ever lost with it: a writer that
 * finds the directory gone creates it again and retries.</li>
 * </ol>
 * Only names of 64 lower-case hex digits are read or deleted in the index, and no link is followed: the index and each
 * principal's directory must be real directories, or the operation fails. Does no locking of its own but where it says.
 */
final class PrincipalIndex {

    private static final Logger LOG = Logger.getLogger(PrincipalIndex.class);

    /** The name of the index's directory in the session directory: neither a session file's name nor a temporary one. */
    static final String DIRECTORY_NAME = ".principals";
    /** How old a marker without a session file must be before anything but its writer deletes it. */
    static final Duration GRACE = SessionDirectory.STALE_TEMP_AGE;
    /** How many times a marker is created again after its directory was deleted under it, as empty, by a sweep. */
    private static final int ATTEMPTS = 8;

    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    private final SessionDirectory sessions;
    private final KeyLocks locks;
    private final Path root;

    PrincipalIndex(SessionDirectory sessions, KeyLocks locks) {
        this.sessions = sessions;
        this.locks = locks;
        this.root = sessions.path().resolve(DIRECTORY_NAME);
    }

    /**
     * Makes sure a session is in a principal's index, durably, before its file names the principal (rule 1). The caller
     * holds the key's lock.
     *
     * @return {@code true} if the marker was created, {@code false} if it was there already
     */
    boolean add(String principal, SessionKey key) throws IOException {
        Path directory = directoryOf(principal);
        Path marker = directory.resolve(key.toHex());
        for (int attempt = 1;; attempt++) {
            requireRealDirectories(directory);
            boolean created;
            try {
                Files.newByteChannel(marker, CREATE, sessions.fileAttributes()).close();
                created = true;
            } catch (FileAlreadyExistsException e) {
                // A marker left by an earlier binding to this principal: forced again below, in case it never was.
                created = false;
            } catch (NoSuchFileException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                createDirectory(directory);
                continue;
            }
            sessions.sync(directory);
            return created;
        }
    }

    /**
     * Removes a session from a principal's index, after its file stopped naming the principal (rule 2). The caller holds
     * the key's lock. A removal that fails leaves a marker too many, which readers skip: it is logged, not thrown, since
     * the session's own change is done.
     */
    void remove(String principal, SessionKey key) {
        Path directory = directoryOf(principal);
        try {
            requireRealDirectories(directory);
            Files.deleteIfExists(directory.resolve(key.toHex()));
            deleteIfEmpty(directory);
        } catch (IOException e) {
            LOG.debugf("Session %s: could not remove it from the principal index (%s), left to readers and the sweep",
                    key.shortHash(), e.getClass().getName());
        }
    }

    /**
     * Returns the keys a principal's markers name, some of which may no longer be bound to it (rule 3).
     */
    List<SessionKey> keysOf(String principal) throws IOException {
        Path directory = directoryOf(principal);
        requireRealDirectories(directory);
        List<SessionKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(directory)) {
            for (Path marker : markers) {
                String name = marker.getFileName().toString();
                if (SessionDirectory.isHashName(name)) {
                    keys.add(SessionKey.ofHex(name));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return keys;
    }

    /**
     * Deletes a principal's marker of a session whose file does not exist, if it is older than {@link #GRACE}, under the
     * key's lock (rule 4).
     *
     * @return {@code true} if it was deleted
     */
    boolean deleteIfDangling(String principal, SessionKey key, long nowMillis) throws IOException {
        Path directory = directoryOf(principal);
        requireRealDirectories(directory);
        boolean deleted = deleteIfDangling(directory, key, nowMillis);
        if (deleted) {
            deleteIfEmpty(directory);
        }
        return deleted;
    }

    /**
     * Deletes the dangling markers older than {@link #GRACE} and the empty directories of the whole index, for the sweep:
     * those of sessions deleted by a crash, by hand, or by a version of the store that kept no index.
     *
     * @return the number of markers deleted
     */
    int sweep(long nowMillis) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(root)) {
            for (Path directory : directories) {
                if (SessionDirectory.isHashName(directory.getFileName().toString()) && isRealDirectory(directory)) {
                    deleted += sweep(directory, nowMillis);
                }
            }
        } catch (NoSuchFileException e) {
            // No session was ever bound.
            return 0;
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return deleted;
    }

    private int sweep(Path directory, long nowMillis) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(directory)) {
            for (Path marker : markers) {
                String name = marker.getFileName().toString();
                if (SessionDirectory.isHashName(name) && deleteIfDangling(directory, SessionKey.ofHex(name), nowMillis)) {
                    deleted++;
                }
            }
        } catch (NoSuchFileException e) {
            // Deleted as empty meanwhile.
            return 0;
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        deleteIfEmpty(directory);
        return deleted;
    }

    private boolean deleteIfDangling(Path directory, SessionKey key, long nowMillis) throws IOException {
        // Most markers name a session: decide without the lock, and take it only to confirm.
        if (sessions.hasFile(key)) {
            return false;
        }
        Path marker = directory.resolve(key.toHex());
        return locks.holding(key, () -> !sessions.hasFile(key) && isOlderThanGrace(marker, nowMillis)
                && Files.deleteIfExists(marker));
    }

    private static boolean isOlderThanGrace(Path marker, long nowMillis) throws IOException {
        try {
            return Files.getLastModifiedTime(marker, LinkOption.NOFOLLOW_LINKS).toMillis() <= nowMillis - GRACE.toMillis();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Deletes a principal's directory if it is empty (rule 5). */
    private static void deleteIfEmpty(Path directory) throws IOException {
        try {
            Files.delete(directory);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // Still in use, or deleted already.
        }
    }

    /**
     * Creates a principal's directory, and the index's and the session directory if they are missing, each forced into
     * its parent. Whatever is there already stays, for {@link #requireRealDirectories} to judge.
     */
    private void createDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory, sessions.directoryAttributes());
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (NoSuchFileException e) {
            if (directory.equals(root)) {
                sessions.create();
            } else {
                createDirectory(root);
            }
            try {
                Files.createDirectory(directory, sessions.directoryAttributes());
            } catch (FileAlreadyExistsException created) {
                return;
            }
        }
        sessions.sync(directory.getParent());
    }

    /** Fails if the index or a principal's directory is anything but a real directory, a link among others. */
    private void requireRealDirectories(Path directory) throws IOException {
        for (Path path : List.of(root, directory)) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return;
            }
            if (!attributes.isDirectory()) {
                throw new FileSystemException(path.toString(), null, "not a directory of the principal index");
            }
        }
    }

    private static boolean isRealDirectory(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private Path directoryOf(String principal) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
            return root.resolve(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
