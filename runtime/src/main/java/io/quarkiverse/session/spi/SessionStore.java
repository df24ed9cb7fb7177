package io.quarkiverse.session.spi;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Where sessions are kept. The extension selects a built-in store with {@code quarkus.session.store}; an application
 * bean implementing this interface replaces it.
 * <p>
 * Every method is asynchronous and must not block the calling thread, which may be an event-loop thread: a store over
 * a blocking API runs that work on a worker thread itself. Failures are reported as failed {@link Uni}s, which the
 * extension turns into {@code 503} responses; so is a {@code load}, {@code create}, {@code update},
 * {@code changeKey} or {@code delete} that has not answered within {@code quarkus.session.store-timeout}, whose
 * subscription the extension then cancels.
 * <p>
 * Stores only see {@link SessionKey}s, the hashes of session IDs. The contract that makes logout and login safe: an
 * {@link #update update} never creates a session, so a request still in flight on a destroyed or regenerated ID
 * cannot bring it back by saving late.
 */
public interface SessionStore {

    /**
     * Loads a session.
     *
     * @return the session, or a {@code null} item if there is none under this key (a store may also return expired
     *         sessions; the extension checks expiry itself)
     */
    Uni<SessionRecord> load(SessionKey key);

    /**
     * Stores a new session under a key that was never used before.
     * <p>
     * Fails if anything is held under the key, an expired session not yet deleted included, and leaves it as it was:
     * then an ID was generated twice (an application's {@code SessionIdFactory} that repeats itself), and the session
     * held there must never be handed to a second client. Fail with a {@link io.quarkiverse.session.SessionStoreException}
     * whose message names the key by its {@link SessionKey#shortHash() short hash}.
     */
    Uni<Void> create(SessionKey key, SessionRecord session);

    /**
     * Applies the changes of a request to an existing session, key by key, atomically for each session: concurrent
     * updates of different keys must all survive.
     *
     * @return {@code true} if applied, {@code false} if there is no session under this key: an update must never create
     *         one
     */
    Uni<Boolean> update(SessionKey key, SessionUpdate update);

    /**
     * Moves a session to a new key, atomically: afterwards nothing is found under {@code from}, and an update of
     * {@code from} fails.
     *
     * Fails, as {@link #create} does, if anything is held under {@code to}, and then leaves the session under
     * {@code from}, and what {@code to} holds, as they were.
     *
     * @return {@code true} if moved, {@code false} if there is no session under {@code from}
     */
    Uni<Boolean> changeKey(SessionKey from, SessionKey to);

    /**
     * Deletes a session. Afterwards, an update of this key fails.
     *
     * @return {@code true} if a session was deleted
     */
    Uni<Boolean> delete(SessionKey key);

    /**
     * Lists sessions, a page at a time, in no particular order, for tools such as the Dev UI.
     *
     * @param cursor {@code null} for the first page, else the {@link SessionPage#nextCursor()} of the previous page
     * @param limit the maximum number of sessions in the page
     */
    Uni<SessionPage> list(String cursor, int limit);

    /**
     * Finds the sessions bound to a principal: those whose {@link SessionRecord#principal()} is this name, by the store's
     * index of principals. Exact at the time it answers: every session bound to it by a {@link #create}, an
     * {@link #update} that {@linkplain SessionUpdate#rebinds() rebinds} or a {@link #changeKey} that has completed is
     * found under its current key, and no session deleted, moved, bound to another principal, unbound or evicted by its
     * own expiry (a TTL) before it started is. A store may return sessions that have expired but not yet been deleted,
     * as {@link #load} may; the extension drops them.
     * <p>
     * A store that keeps no index of principals keeps the default, which fails with an
     * {@link UnsupportedOperationException} that says so; a store that does not hold its sessions (the cookie store)
     * says what to do instead.
     *
     * @param principal a principal name, never {@code null}
     * @return the sessions, in no particular order
     */
    default Uni<List<SessionEntry>> findByPrincipal(String principal) {
        return Uni.createFrom().failure(new UnsupportedOperationException(getClass().getName()
                + " keeps no index of sessions by principal, so it cannot find or delete a user's sessions"));
    }

    /**
     * Deletes the sessions that have expired at {@code now}. The extension calls it periodically for stores that cannot
     * expire entries by themselves; a store with its own expiry (a TTL) may do nothing.
     *
     * @return the number of sessions deleted
     */
    default Uni<Integer> expire(Instant now) {
        return Uni.createFrom().item(0);
    }

    /**
     * Deletes every session of the store, for tools and tests. Afterwards, an update of any key deleted fails, as after
     * {@link #delete}: a request still in flight on a deleted session cannot bring it back. Sessions created while it
     * runs may survive it. The extension bounds it by a deadline of its own, not by {@code quarkus.session.store-timeout},
     * since it may delete many sessions.
     * <p>
     * By default, it follows {@link #list} page after page, from the first, and deletes each listed session with
     * {@link #delete}: any store whose cursor stays valid while the sessions already listed are deleted (a position, or
     * the last key listed; not an offset) works as it is. A store that can delete everything more directly (one
     * statement, one pass over its files) overrides it. A store that cannot delete its sessions at all, because it does
     * not hold them, fails with an {@link UnsupportedOperationException} that says what to do instead.
     *
     * @return the number of sessions deleted
     */
    default Uni<Integer> deleteAll() {
        return ListedDeletion.deleteAll(this);
    }

    /**
     * Checks that the store can serve requests now, for the readiness check: a round trip to its server, or a write
     * where it keeps its files. The extension bounds it by {@code quarkus.session.store-timeout}. A store that needs
     * nothing outside the heap succeeds at once, as by default.
     *
     * @return a {@link Uni} that fails if the store is unreachable
     */
    default Uni<Void> ping() {
        return Uni.createFrom().voidItem();
    }
}
