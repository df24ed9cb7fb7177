package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.store.filesystem.SessionFileFormat.ValueMode;
import io.quarkiverse.session.spi.SessionKey;

/**
 * Deletes the files of expired sessions, the unreadable session files (symbolic links and oversized files among them),
 * and the stale temporary files, which only a crash can leave behind. Reads every session file: the expiry deadline is
 * in the file, near its start. An expired session bound to a principal leaves its principal's index once its file is
 * deleted; then the markers of the index whose session file is gone (unreadable ones deleted here, or files deleted by
 * hand or by a crash) are deleted too ({@link PrincipalIndex#sweep}).
 */
final class ExpirySweep {

    private static final Logger LOG = Logger.getLogger(ExpirySweep.class);

    private enum Verdict {
        ALIVE,
        EXPIRED,
        UNREADABLE,
        GONE
    }

    private final SessionDirectory directory;
    private final KeyLocks locks;
    private final PrincipalIndex index;

    ExpirySweep(SessionDirectory directory, KeyLocks locks, PrincipalIndex index) {
        this.directory = directory;
        this.locks = locks;
        this.index = index;
    }

    /**
     * Sweeps the directory once.
     *
     * @return the number of expired sessions deleted
     */
    int sweep(Instant now) throws IOException {
        long nowMillis = now.toEpochMilli();
        int expired = 0;
        int unreadable = 0;
        int temporary = 0;
        int failures = 0;
        String firstFailure = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.path())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                try {
                    if (SessionDirectory.isSessionFileName(name)) {
                        switch (sweep(SessionDirectory.keyOf(name), nowMillis)) {
                            case EXPIRED -> expired++;
                            case UNREADABLE -> unreadable++;
                            default -> {
                            }
                        }
                    } else if (SessionDirectory.isTempFileName(name) && SessionDirectory.isStale(entry, nowMillis)
                            && Files.deleteIfExists(entry)) {
                        temporary++;
                    }
                } catch (IOException e) {
                    // One file that cannot be read must not keep the others from being swept.
                    failures++;
                    if (firstFailure == null) {
                        firstFailure = (SessionDirectory.isSessionFileName(name)
                                ? "session " + SessionDirectory.keyOf(name).shortHash()
                                : "a temporary file") + " (" + e.getClass().getName() + ")";
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing was ever written.
            return 0;
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        int dangling = 0;
        try {
            // The real clock, not the sweep's: a marker's age is about writes in flight now, not about deadlines.
            dangling = index.sweep(System.currentTimeMillis());
        } catch (IOException e) {
            failures++;
            if (firstFailure == null) {
                firstFailure = "the principal index (" + e.getClass().getName() + ")";
            }
        }
        if (dangling > 0) {
            LOG.debugf("Swept %d markers of the principal index whose session file was gone", dangling);
        }
        // No path in the log: the session directory is quarkus.session.filesystem.path, and file names are full hashes.
        if (expired > 0 || temporary > 0) {
            LOG.debugf("Swept %d expired sessions and %d temporary files", expired, temporary);
        }
        if (unreadable > 0) {
            LOG.warnf("Deleted %d unreadable session files: damaged, too large, symbolic links, written by something "
                    + "other than this store, or by another version of its format", unreadable);
        }
        if (failures > 0) {
            LOG.warnf("Could not check %d files in the session directory, the first: %s", failures, firstFailure);
        }
        return expired;
    }

    private Verdict sweep(SessionKey key, long nowMillis) throws IOException {
        // Most files are alive: decide without the lock, and take it only to confirm a deletion, which an update may have
        // made wrong in between.
        if (examine(key, nowMillis).verdict() == Verdict.ALIVE) {
            return Verdict.ALIVE;
        }
        return locks.holding(key, () -> {
            Examination examination = examine(key, nowMillis);
            Verdict verdict = examination.verdict();
            if (verdict == Verdict.EXPIRED || verdict == Verdict.UNREADABLE) {
                if (!directory.delete(key)) {
                    return Verdict.GONE;
                }
                if (examination.principal() != null) {
                    // Not forced first, unlike a delete: an expired session that a power failure brings back is
                    // deleted again by the next sweep, and no load returns it meanwhile.
                    index.remove(examination.principal(), key);
                }
            }
            return verdict;
        });
    }

    /** What a read of a session's file says of it, and the principal it names if it is readable. */
    private record Examination(Verdict verdict, String principal) {

        Examination(Verdict verdict) {
            this(verdict, null);
        }
    }

    private Examination examine(SessionKey key, long nowMillis) throws IOException {
        byte[] content;
        try {
            content = directory.readOrNull(key);
        } catch (NotASessionFileException e) {
            // A link or a file too large to read: deleted like a damaged file; deleting a link never touches its target.
            LOG.debugf("Session %s: the file is %s, treated as unreadable", key.shortHash(), e.getMessage());
            return new Examination(Verdict.UNREADABLE);
        }
        if (content == null) {
            return new Examination(Verdict.GONE);
        }
        StoredSession stored = SessionFileFormat.decodeOrNull(key, content, ValueMode.SKIP);
        if (stored == null) {
            return new Examination(Verdict.UNREADABLE);
        }
        return new Examination(stored.expiresAt <= nowMillis ? Verdict.EXPIRED : Verdict.ALIVE, stored.principal);
    }
}
