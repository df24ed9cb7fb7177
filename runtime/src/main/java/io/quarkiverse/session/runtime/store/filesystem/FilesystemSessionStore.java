package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.store.filesystem.SessionFileFormat.ValueMode;
import io.quarkiverse.session.spi.SessionEntry;
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
 * {@link SessionDirectory#isTempFileName temporary file names} are ever read, listed or deleted, and in the
 * {@link PrincipalIndex} only names of 64 hex digits; no text sent by a client ever becomes part of a path, and a
 * principal's name only as its hash.</li>
 * <li>A session file is only ever replaced by an atomic rename of a temporary file that was forced to the device, never
 * written in place. {@link #delete}, {@link #deleteAll} and {@link #changeKey} force the directory afterwards, so that an
 * ID that was logged out or regenerated does not come back after a power failure.</li>
 * <li>Whatever writes, moves or deletes a session's file holds its key's lock; an update never creates a file that is
 * absent or unreadable, and a create or a move never replaces one that is there.</li>
 * <li>Every file this store writes, it can read: values and principals are checked with the limits files are read
 * with, and a change of the format changes {@link SessionFileFormat#UNBOUND_VERSION} and
 * {@link SessionFileFormat#BOUND_VERSION}.</li>
 * <li>A session file that names a principal has that principal's marker in the {@link PrincipalIndex}, created before
 * the file named it and removed only after the file stopped naming it: the protocol is in its Javadoc.</li>
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
    private final PrincipalIndex index;
    private final ExpirySweep sweep;
    private final AllSessionsDeletion deletion;

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
        this.index = new PrincipalIndex(this.directory, locks);
        this.sweep = new ExpirySweep(this.directory, locks, index);
        this.deletion = new AllSessionsDeletion(this.directory, locks, index);
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
            StoredSession stored = StoredSession.read(directory, key, ValueMode.COPY);
            return stored == null ? null : stored.toRecord();
        });
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return WorkerIo.onWorker("create", key, () -> {
            SessionFileFormat.checkValues(session.values());
            SessionFileFormat.checkPrincipal(session.principal());
            byte[] content = SessionFileFormat.encode(StoredSession.of(session));
            return locks.holding(key, () -> {
                refuseIfInUse(key);
                writeBound(key, content, session.principal(), null);
                return null;
            });
        });
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return WorkerIo.onWorker("update", key, () -> {
            // Checked before taking the lock: parsing the values is the only costly part that needs no file.
            SessionFileFormat.checkValues(update.puts());
            if (update.rebinds()) {
                SessionFileFormat.checkPrincipal(update.principal());
            }
            return locks.holding(key, () -> {
                StoredSession stored = StoredSession.read(directory, key, ValueMode.COPY);
                if (stored == null) {
                    // Deleted, moved or never created: writing now would bring a dead session back.
                    return false;
                }
                String before = stored.principal;
                stored.apply(update);
                byte[] content = SessionFileFormat.encode(stored);
                if (!update.rebinds()) {
                    directory.write(key, content);
                    return true;
                }
                writeBound(key, content, stored.principal, before);
                if (before != null && !before.equals(stored.principal)) {
                    // Durably unbound before the marker goes: a power failure must not bring back the binding alone.
                    directory.sync();
                    index.remove(before, key);
                }
                return true;
            });
        });
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return WorkerIo.onWorker("change the ID of", from, () -> locks.holding(from, to, () -> {
            StoredSession stored = StoredSession.read(directory, from, ValueMode.SKIP);
            if (stored == null) {
                // An unreadable file is no session: moving it would only make the new ID look valid.
                return false;
            }
            refuseIfInUse(to);
            String principal = stored.principal;
            boolean marked = principal != null && index.add(principal, to);
            try {
                directory.move(from, to);
            } catch (IOException | RuntimeException e) {
                if (marked) {
                    index.remove(principal, to);
                }
                if (e instanceof NoSuchFileException) {
                    // Deleted by something outside this process between the read and the move.
                    return false;
                }
                throw e;
            }
            directory.sync();
            if (principal != null) {
                index.remove(principal, from);
            }
            return true;
        }));
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return WorkerIo.onWorker("delete", key, () -> locks.holding(key, () -> {
            String principal = StoredSession.principalOf(directory, key);
            boolean deleted = directory.delete(key);
            if (deleted) {
                directory.sync();
                if (principal != null) {
                    index.remove(principal, key);
                }
            }
            return deleted;
        }));
    }

    /**
     * Deletes every session file, each under its key's lock as {@link #delete} does, then forces the directory to the
     * device once. Only files with {@link SessionDirectory#isSessionFileName session file names} are deleted: temporary
     * files belong to writes in progress (the sweep deletes stale ones), and anything else in the directory is not the
     * store's, the principal index among them. An unreadable session file is deleted and counted, as {@link #delete}
     * would. The markers of the deleted sessions are removed a batch at a time, each batch once the directory is forced
     * ({@link AllSessionsDeletion}).
     */
    @Override
    public Uni<Integer> deleteAll() {
        return WorkerIo.onWorker("delete all sessions", deletion::deleteAll);
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
                StoredSession stored = StoredSession.read(directory, key, ValueMode.KEYS);
                if (stored != null) {
                    sessions.add(stored.toSummary(key));
                }
            }
            return new SessionPage(sessions, more ? pageNames.get(limit - 1) : null);
        });
    }

    /**
     * Finds a principal's sessions by the markers of its {@link PrincipalIndex}: each session is read, and returned if its
     * file exists and names exactly this principal (rule 3). The markers of sessions whose file is gone are deleted on
     * the way, if older than {@link PrincipalIndex#GRACE} (rule 4). Sessions bound, moved or deleted while it runs may or
     * may not be found; those bound before it started, and still bound, are.
     */
    @Override
    public Uni<List<SessionEntry>> findByPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        return WorkerIo.onWorker("find the sessions of a principal", () -> {
            if (!SessionFileFormat.isValidPrincipal(principal)) {
                // No file may name it.
                return List.of();
            }
            List<SessionEntry> found = new ArrayList<>();
            for (SessionKey key : index.keysOf(principal)) {
                StoredSession stored = StoredSession.read(directory, key, ValueMode.COPY);
                if (stored != null && principal.equals(stored.principal)) {
                    found.add(new SessionEntry(key, stored.toRecord()));
                } else if (stored == null) {
                    index.deleteIfDangling(principal, key, System.currentTimeMillis());
                }
            }
            return found;
        });
    }

    /**
     * Deletes the files of expired sessions, the unreadable session files, and the stale temporary files; then the
     * markers of the principal index whose session file is gone.
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
     * Writes a session's file that names {@code principal} after a rebinding or a creation, its marker first (rule 1
     * of {@link PrincipalIndex}). A marker this write created is removed again if the file could not be written. The
     * caller holds the key's lock.
     *
     * @param before the principal the file named before, {@code null} for none or a new file
     */
    private void writeBound(SessionKey key, byte[] content, String principal, String before) throws IOException {
        boolean marked = principal != null && index.add(principal, key) && !principal.equals(before);
        try {
            directory.write(key, content);
        } catch (IOException | RuntimeException e) {
            if (marked) {
                index.remove(principal, key);
            }
            throw e;
        }
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
}
