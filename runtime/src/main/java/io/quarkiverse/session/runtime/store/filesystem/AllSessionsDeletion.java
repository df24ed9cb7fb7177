package io.quarkiverse.session.runtime.store.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.session.spi.SessionKey;

/**
 * {@code deleteAll} of the filesystem store: deletes every session file, each under its key's lock, and forces the
 * directory to the device once, or once per {@link #BATCH} sessions bound to a principal, whose markers are removed
 * only after their deletion is forced (rule 2 of {@link PrincipalIndex}). Only files with
 * {@link SessionDirectory#isSessionFileName session file names} are deleted.
 */
final class AllSessionsDeletion {

    /** How many markers of deleted sessions wait for the directory to be forced, at most. */
    static final int BATCH = 1024;

    private final SessionDirectory directory;
    private final KeyLocks locks;
    private final PrincipalIndex index;

    AllSessionsDeletion(SessionDirectory directory, KeyLocks locks, PrincipalIndex index) {
        this.directory = directory;
        this.locks = locks;
        this.index = index;
    }

    /**
     * @return the number of session files deleted
     */
    int deleteAll() throws IOException {
        int deleted = 0;
        List<Binding> unindexed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.path())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // A directory is no session file, whatever its name: deleting an empty one would count it.
                if (SessionDirectory.isSessionFileName(name) && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    SessionKey key = SessionDirectory.keyOf(name);
                    if (locks.holding(key, () -> delete(key, unindexed))) {
                        deleted++;
                    }
                    if (unindexed.size() == BATCH) {
                        unindex(unindexed);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing was ever written.
            return 0;
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        if (!unindexed.isEmpty()) {
            unindex(unindexed);
        } else if (deleted > 0) {
            directory.sync();
        }
        return deleted;
    }

    /** Deletes a session's file, noting its principal if it had one; the caller holds the key's lock. */
    private boolean delete(SessionKey key, List<Binding> unindexed) throws IOException {
        String principal = StoredSession.principalOf(directory, key);
        boolean deleted = directory.delete(key);
        if (deleted && principal != null) {
            unindexed.add(new Binding(principal, key));
        }
        return deleted;
    }

    /**
     * Forces the deletions to the device, then removes the markers of the bound sessions among them. Needs no lock: no
     * one can bind a key whose file is gone, since keys are never reused.
     */
    private void unindex(List<Binding> deleted) {
        directory.sync();
        for (Binding binding : deleted) {
            index.remove(binding.principal(), binding.key());
        }
        deleted.clear();
    }

    /** A session deleted while bound to a principal, whose marker is still to be removed. */
    private record Binding(String principal, SessionKey key) {
    }
}
