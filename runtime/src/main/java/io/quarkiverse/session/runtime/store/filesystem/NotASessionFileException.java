package io.quarkiverse.session.runtime.store.filesystem;

/**
 * A name of a session file holds something this store never writes and never reads: a symbolic link, which could make a
 * read take another file for a session, or a file larger than the store's limit, which could exhaust the heap. Callers
 * treat it as an unreadable file: no session, and deleted by the sweep (a link is deleted itself, never its target).
 * Checked and no {@link java.io.IOException}, so that no caller reports it as an I/O failure by mistake. Its message
 * says what was found, and holds no path.
 */
final class NotASessionFileException extends Exception {

    private static final long serialVersionUID = 1L;

    NotASessionFileException(String found) {
        super(found, null, false, false);
    }
}
