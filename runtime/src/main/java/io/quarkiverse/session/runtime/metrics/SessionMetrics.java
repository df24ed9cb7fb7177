package io.quarkiverse.session.runtime.metrics;

/**
 * What the extension reports about sessions as they live and die, for metrics. Every method is called on the request's
 * path, so an implementation does no more than increment a meter; {@link #NONE}, used when nothing measures, does
 * nothing at all, and tells the callers not to read the clock for it.
 * <p>
 * Reported once per event, by the code that knows it happened: a session counts as created when the store accepted it,
 * destroyed or regenerated when the store confirmed the delete or the move, expired when the extension deleted it for
 * its age (so a session deleted twice, by a request and by the sweep, counts once).
 */
public interface SessionMetrics {

    SessionMetrics NONE = new SessionMetrics() {
    };

    /** Whether store calls are timed: if not, callers need not read the clock for {@link #storeCall}. */
    default boolean timesStoreCalls() {
        return false;
    }

    /** A new session was stored. */
    default void created() {
    }

    /** The application ended a stored session: destroy, reset, or a delete by ID. */
    default void destroyed() {
    }

    /** The application deleted every session of the store: {@code count} of them. */
    default void destroyed(int count) {
    }

    /** The extension deleted sessions that had expired. */
    default void expired(int count) {
    }

    /** A stored session moved to a new ID. */
    default void regenerated() {
    }

    /** A request carried a session ID that was not accepted. */
    default void rejected(RejectionReason reason) {
    }

    /** A store call completed, successfully or not, after {@code nanos}. */
    default void storeCall(StoreOperation operation, long nanos) {
    }

    /** A store call failed or timed out. */
    default void storeError(StoreOperation operation) {
    }

    /** A save wrote this many bytes of session values (the whole sealed cookie, for the cookie store). */
    default void saved(long bytes) {
    }
}
