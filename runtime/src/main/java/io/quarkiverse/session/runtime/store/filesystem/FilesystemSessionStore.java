package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.session.runtime.store.filesystem.SessionFileFormat.ValueMode;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;

/**
 * Sessions as files in a directory, one file per session: they survive restarts of the application.
 * <p>
 * <b>Names.</b> A session's file is named after the hash of its ID, {@link SessionKey#toHex()}, plus {@code .json}: no
 * text sent by a client ever reaches the file system, and a copy of the directory holds no usable session cookie. Files
 * whose names do not have exactly this form (or the form of this store's temporary files) are never read, listed or
 * deleted, so pointing the store at the wrong directory cannot cost anyone their files.
 * <p>
 * <b>Format.</b> A small JSON document: a format version, the times in epoch milliseconds, and the values as the JSON
 * they were given. It is written and read with Jackson's streaming API only, without data binding or reflection, so it
 * works the same in a native image. Values are checked when they are stored: one that is not a single well-formed JSON
 * value is rejected, rather than written into a file that could then not be read.
 * <p>
 * <b>Atomicity.</b> Every write goes to a temporary file in the same directory, whose name does not end with
 * {@code .json}; the file is forced to the device and then renamed over the session's file in one atomic move. A crash
 * or a {@code kill -9} at any instant therefore leaves either the previous file or the new one, never a partial one; at
 * worst a temporary file is left behind, which {@link #list} ignores and {@link #expire} deletes once it is a minute
 * old. The directory is forced to the device after deletions and key changes, so that a session ID that was logged out
 * or regenerated does not come back after a power failure; a power failure may lose the latest creations and updates,
 * but cannot tear them. A file that cannot be read anyway (truncated or replaced by something else, or written by an
 * unknown format version) is treated as absent, and deleted by the next {@link #expire} sweep.
 * <p>
 * <b>Locking.</b> An update reads the session's file, applies its changes and writes the file back while holding one of
 * 256 locks chosen by the key. Concurrent updates of one session are thus applied one after the other and none is lost,
 * and an update that was in flight when its session was deleted or moved cannot write it back. Loads take no lock: a
 * rename replaces a file atomically, so they see either version. These locks exist in this process only: several
 * processes sharing one directory are <em>not</em> coordinated. Every file still stays whole, but concurrent updates of
 * one session from two processes can lose one of them, and a session deleted by one process can be written back by an
 * update in flight in another. Share a directory between instances only when each session is served by one instance at
 * a time (sticky sessions).
 * <p>
 * <b>Permissions.</b> Where the file system supports POSIX permissions, the directory is created with {@code 0700} and
 * every file with {@code 0600}, as they are created rather than changed afterwards, so that no other user can open them
 * at any instant. A directory that already exists keeps its permissions; missing parent directories are created with the
 * process defaults.
 * <p>
 * Every operation does its file I/O on a worker thread of Mutiny's default pool, never on the caller's thread, and fails
 * its {@link Uni} on real I/O errors such as a full disk or a denied permission. The directory is created on the first
 * write, and again if it disappears.
 */
public final class FilesystemSessionStore implements SessionStore {

    private final SessionDirectory directory;
    private final KeyLocks locks = new KeyLocks();
    private final ExpirySweep sweep;

    /**
     * Creates a store over a directory, which is created on the first write if it does not exist. Does no I/O.
     */
    public FilesystemSessionStore(Path directory) {
        this.directory = new SessionDirectory(directory);
        this.sweep = new ExpirySweep(this.directory, locks);
    }

    /**
     * Returns the absolute directory that holds the session files.
     */
    public Path directory() {
        return directory.path();
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return WorkerIo.onWorker(() -> {
            StoredSession stored = read(key, ValueMode.COPY);
            return stored == null ? null : stored.toRecord();
        });
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return WorkerIo.onWorker(() -> {
            SessionFileFormat.checkValues(session.values());
            byte[] content = SessionFileFormat.encode(StoredSession.of(session));
            return locks.holding(key, () -> {
                directory.write(key, content);
                return null;
            });
        });
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return WorkerIo.onWorker(() -> {
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
        return WorkerIo.onWorker(() -> locks.holding(from, to, () -> {
            if (read(from, ValueMode.SKIP) == null) {
                // An unreadable file is no session: moving it would only make the new ID look valid.
                return false;
            }
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
        return WorkerIo.onWorker(() -> locks.holding(key, () -> {
            boolean deleted = directory.delete(key);
            if (deleted) {
                directory.sync();
            }
            return deleted;
        }));
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
        return WorkerIo.onWorker(() -> {
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
     * Deletes the files of expired sessions, the unreadable session files, and the temporary files older than a minute
     * at {@code now}, which only a crash can leave behind.
     */
    @Override
    public Uni<Integer> expire(Instant now) {
        return WorkerIo.onWorker(() -> sweep.sweep(now));
    }

    /**
     * Reads a session's file.
     *
     * @return the session, or {@code null} if there is no file or it cannot be parsed
     * @throws IOException if the file exists but cannot be read
     */
    private StoredSession read(SessionKey key, ValueMode mode) throws IOException {
        byte[] content = directory.readOrNull(key);
        return content == null ? null : SessionFileFormat.decodeOrNull(key, content, mode);
    }
}
