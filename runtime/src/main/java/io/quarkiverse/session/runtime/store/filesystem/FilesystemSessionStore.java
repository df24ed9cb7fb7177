package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.store.filesystem.SessionFileFormat.ValueMode;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;

/**
 * Sessions as files in a directory, one file per session: they survive restarts of the application. How it works and
 * why is in the filesystem section of {@code docs/modules/ROOT/pages/stores.adoc}; the invariants a change must keep:
 * <ul>
 * <li>At startup, the directory belongs to this process's user alone ({@link DirectoryCheck}): whoever else could write
 * in it could plant a session. No file is opened through a symbolic link, and no file larger than the limit is read:
 * both are no session ({@link NotASessionFileException}).</li>
 * <li>Only {@link SessionDirectory#isSessionFileName session file names} and
 * {@link SessionDirectory#isTempFileName temporary file names} are ever read, listed or deleted; no text sent by a
 * client ever becomes part of a path.</li>
 * <li>A session file is only ever replaced by an atomic rename of a temporary file that was forced to the device, never
 * written in place. {@link #delete}, {@link #deleteAll} and {@link #changeKey} force the directory afterwards, so that an
 * ID that was logged out or regenerated does not come back after a power failure.</li>
 * <li>Whatever writes, moves or deletes a session's file holds its key's lock; an update never creates a file that is
 * absent or unreadable, and a create or a move never replaces one that is there.</li>
 * <li>Every file this store writes, it can read: values are checked with the limits files are read with, and a change
 * of the format changes {@link SessionFileFormat#FORMAT_VERSION}.</li>
 * <li>All file I/O runs on a worker thread, never the subscriber's, through {@link WorkerIo}.</li>
 * <li>No message of an exception the store throws and no line it logs holds a value, a full key hash or a path: name
 * sessions by {@link SessionKey#shortHash()}, and let {@link WorkerIo} wrap every {@code IOException}, whose message
 * holds the file's path.</li>
 * </ul>
 */
public final class FilesystemSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(FilesystemSessionStore.class);

    private static final String PATH_PROPERTY = "quarkus.session.filesystem.path";

    /**
     * The size of the largest session file the store reads or writes, in bytes: a larger file is no session (never read
     * into memory, deleted by the sweep), and a larger session is refused when it is stored.
     */
    static final int MAX_FILE_SIZE = 1024 * 1024;

    private final SessionDirectory directory;
    private final KeyLocks locks = new KeyLocks();
    private final ExpirySweep sweep;

    /**
     * Creates a store over a directory, which is created on the first write if it does not exist, with files of at most
     * 1 MiB. Does no I/O, and so checks nothing: at startup, use {@link #open}.
     */
    public FilesystemSessionStore(Path directory) {
        this(directory, MAX_FILE_SIZE);
    }

    /**
     * Creates a store over a directory, which is created on the first write if it does not exist. Does no I/O.
     *
     * @param maxFileSize the size of the largest session file the store reads or writes
     */
    FilesystemSessionStore(Path directory, int maxFileSize) {
        if (maxFileSize < 1 || maxFileSize == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxFileSize must be positive and below Integer.MAX_VALUE");
        }
        this.directory = new SessionDirectory(directory, maxFileSize);
        this.sweep = new ExpirySweep(this.directory, locks);
    }

    /**
     * Creates the store at startup with files of at most 1 MiB, as {@link #open(Path, int)} does.
     */
    public static FilesystemSessionStore open(Path directory) {
        return open(directory, MAX_FILE_SIZE);
    }

    /**
     * Creates the store at startup: creates the directory with permissions {@code 0700} if it is missing, checks that it
     * belongs to this process's user alone ({@link DirectoryCheck}), and proves that this process can write in it by
     * creating and deleting a file, so that a directory it cannot use or should not trust fails startup rather than
     * every request, or worse, serves sessions that someone else planted.
     *
     * @param maxFileSize the size of the largest session file the store reads or writes
     * @throws ConfigurationException naming {@code quarkus.session.filesystem.path} if the directory cannot be created or
     *         written, or is not private to this process's user
     */
    static FilesystemSessionStore open(Path directory, int maxFileSize) {
        FilesystemSessionStore store = new FilesystemSessionStore(directory, maxFileSize);
        SessionDirectory sessions = store.directory;
        try {
            sessions.create();
            reject(directory, DirectoryCheck.problemOfTheDirectory(sessions));
        } catch (IOException e) {
            // The message is the path that failed, which may be a parent of the directory.
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw unusable(directory, "cannot create", e.getClass().getSimpleName() + message, e);
        }
        UserPrincipal processUser;
        try {
            processUser = sessions.probe();
        } catch (IOException e) {
            // Not the message: it holds the probe file's name, which says nothing to whoever configures the path.
            String reason = e instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                    ? ": " + fileSystem.getReason()
                    : "";
            throw unusable(directory, "cannot create files in", e.getClass().getSimpleName() + reason, e);
        }
        try {
            reject(directory, DirectoryCheck.problemOfTheOwner(sessions, processUser));
            reject(directory, DirectoryCheck.problemOfTheParents(sessions));
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw unusable(directory, "cannot check", e.getClass().getSimpleName() + message, e);
        }
        if (!sessions.isPosix()) {
            LOG.warnf("The file system of %s has no POSIX permissions: the filesystem store cannot check that only this "
                    + "process's user can access the session directory. Make sure of it: whoever can write there can "
                    + "plant sessions", PATH_PROPERTY);
        }
        return store;
    }

    private static void reject(Path configured, String problem) {
        if (problem != null) {
            throw new ConfigurationException(PATH_PROPERTY + " is " + shown(configured) + ", " + problem,
                    Set.of(PATH_PROPERTY));
        }
    }

    private static ConfigurationException unusable(Path configured, String problem, String failure, IOException cause) {
        return new ConfigurationException(PATH_PROPERTY + " is " + shown(configured) + ", a directory this process "
                + problem + " (" + failure + "): point it at a directory this process can create and write", cause,
                Set.of(PATH_PROPERTY));
    }

    private static String shown(Path configured) {
        return configured.isAbsolute() ? configured.toString()
                : configured + " (" + configured.toAbsolutePath().normalize() + ")";
    }

    /**
     * Returns the absolute directory that holds the session files.
     */
    public Path directory() {
        return directory.path();
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return WorkerIo.onWorker("load", key, () -> {
            StoredSession stored = read(key, ValueMode.COPY);
            return stored == null ? null : stored.toRecord();
        });
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return WorkerIo.onWorker("create", key, () -> {
            SessionFileFormat.checkValues(session.values());
            byte[] content = SessionFileFormat.encode(StoredSession.of(session));
            return locks.holding(key, () -> {
                refuseIfInUse(key);
                directory.write(key, content);
                return null;
            });
        });
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return WorkerIo.onWorker("update", key, () -> {
            // Checked before taking the lock: parsing the values is the only costly part that needs no file.
            SessionFileFormat.checkValues(update.puts());
            return locks.holding(key, () -> {
                StoredSession stored = read(key, ValueMode.COPY);
                if (stored == null) {
                    // Deleted, moved or never created: writing now would bring a dead session back.
                    return false;
                }
                stored.apply(update);
                directory.write(key, SessionFileFormat.encode(stored));
                return true;
            });
        });
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return WorkerIo.onWorker("change the ID of", from, () -> locks.holding(from, to, () -> {
            if (read(from, ValueMode.SKIP) == null) {
                // An unreadable file is no session: moving it would only make the new ID look valid.
                return false;
            }
            refuseIfInUse(to);
            try {
                directory.move(from, to);
            } catch (NoSuchFileException e) {
                // Deleted by something outside this process between the read and the move.
                return false;
            }
            directory.sync();
            return true;
        }));
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return WorkerIo.onWorker("delete", key, () -> locks.holding(key, () -> {
            boolean deleted = directory.delete(key);
            if (deleted) {
                directory.sync();
            }
            return deleted;
        }));
    }

    /**
     * Deletes every session file, each under its key's lock as {@link #delete} does, then forces the directory to the
     * device once. Only files with {@link SessionDirectory#isSessionFileName session file names} are deleted: temporary
     * files belong to writes in progress (the sweep deletes stale ones), and anything else in the directory is not the
     * store's. An unreadable session file is deleted and counted, as {@link #delete} would.
     */
    @Override
    public Uni<Integer> deleteAll() {
        return WorkerIo.onWorker("delete all sessions", () -> {
            int deleted = 0;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.path())) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    // A directory is no session file, whatever its name: deleting an empty one would count it.
                    if (SessionDirectory.isSessionFileName(name) && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        SessionKey key = SessionDirectory.keyOf(name);
                        if (locks.holding(key, () -> directory.delete(key))) {
                            deleted++;
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                // Nothing was ever written.
                return 0;
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
            if (deleted > 0) {
                directory.sync();
            }
            return deleted;
        });
    }

    /**
     * Lists the sessions in the order of their file names. The cursor is the name of the last file of the previous page;
     * sessions created after the listing started may be missed, as in any browse of a live set.
     */
    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        if (limit < 1) {
            return Uni.createFrom().failure(new IllegalArgumentException("limit must be positive, got " + limit));
        }
        return WorkerIo.onWorker("list the sessions", () -> {
            List<String> names = directory.firstNamesAfter(cursor, limit + 1L);
            boolean more = names.size() > limit;
            List<String> pageNames = more ? names.subList(0, limit) : names;
            List<SessionSummary> sessions = new ArrayList<>(pageNames.size());
            for (String name : pageNames) {
                SessionKey key = SessionDirectory.keyOf(name);
                StoredSession stored = read(key, ValueMode.KEYS);
                if (stored != null) {
                    sessions.add(stored.toSummary(key));
                }
            }
            return new SessionPage(sessions, more ? pageNames.get(limit - 1) : null);
        });
    }

    /**
     * Deletes the files of expired sessions, the unreadable session files, and the stale temporary files.
     */
    @Override
    public Uni<Integer> expire(Instant now) {
        return WorkerIo.onWorker("delete the expired sessions", () -> sweep.sweep(now));
    }

    /**
     * Creates and deletes a file in the directory, as at startup.
     */
    @Override
    public Uni<Void> ping() {
        return WorkerIo.onWorker("write in the session directory", () -> {
            directory.probe();
            return null;
        });
    }

    /**
     * Refuses to write a session where anything has its file's name, a session, an expired one or a file that is none:
     * a key in use means an ID was generated twice, and that session must never be given to a second client. The
     * caller holds the key's lock.
     */
    private void refuseIfInUse(SessionKey key) throws IOException {
        if (directory.hasFile(key)) {
            throw new SessionStoreException("A session already exists under the new key " + key.shortHash());
        }
    }

    /**
     * Reads a session's file.
     *
     * @return the session, or {@code null} if there is no file, or it is a link, too large, or cannot be parsed
     * @throws IOException if the file exists but cannot be read
     */
    private StoredSession read(SessionKey key, ValueMode mode) throws IOException {
        byte[] content;
        try {
            content = directory.readOrNull(key);
        } catch (NotASessionFileException e) {
            LOG.debugf("Session %s: the file is %s, treated as absent", key.shortHash(), e.getMessage());
            return null;
        }
        return content == null ? null : SessionFileFormat.decodeOrNull(key, content, mode);
    }
}
