package io.quarkiverse.session;

import java.util.Objects;

import io.vertx.ext.web.RoutingContext;

/**
 * What failed when a request's session could not be served, for a {@link SessionErrorHandler}: the kind of failure,
 * the exception, and the request, to read (its path, its {@code Accept} header) but not to answer. It holds no session
 * ID, and its {@link #toString()} names the kind and the exception's type only.
 */
public final class SessionFailure {

    /** Which part of serving the session failed. */
    public enum Kind {
        /**
         * The store failed or did not answer in time: the exception is a {@link SessionStoreException}, and the request
         * may succeed if retried.
         */
        STORE_UNAVAILABLE,
        /**
         * A stored value does not decode as the type it was read as, typically because the type changed between two
         * deployments: the exception is an {@link IllegalArgumentException} that names the key and the type, and
         * every request that reads the value fails the same way until it is overwritten or removed.
         */
        VALUE_UNREADABLE
    }

    private static final SessionErrorResponse STORE_UNAVAILABLE = SessionErrorResponse.withStatus(503)
            .header("Retry-After", "1").body("text/plain;charset=UTF-8", "Session store unavailable, please retry.");
    private static final SessionErrorResponse VALUE_UNREADABLE = SessionErrorResponse.withStatus(500)
            .body("text/plain;charset=UTF-8", "The session could not be read.");

    private final Kind kind;
    private final RuntimeException exception;
    private final RoutingContext request;

    public SessionFailure(Kind kind, RuntimeException exception, RoutingContext request) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.exception = Objects.requireNonNull(exception, "exception");
        this.request = Objects.requireNonNull(request, "request");
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The failure: a {@link SessionStoreException} for {@link Kind#STORE_UNAVAILABLE}, an
     * {@link IllegalArgumentException} for {@link Kind#VALUE_UNREADABLE}. Its message names no session ID and no value.
     */
    public RuntimeException exception() {
        return exception;
    }

    /**
     * The request that failed, to read; its response is written by the extension with what the handler returns.
     */
    public RoutingContext request() {
        return request;
    }

    /**
     * The extension's own answer: for a store that failed, {@code 503} with {@code Retry-After: 1} and the text
     * "Session store unavailable, please retry."; for a value that does not decode, {@code 500} with the text "The
     * session could not be read."
     */
    public SessionErrorResponse defaultResponse() {
        return kind == Kind.STORE_UNAVAILABLE ? STORE_UNAVAILABLE : VALUE_UNREADABLE;
    }

    @Override
    public String toString() {
        return "SessionFailure[" + kind + ", " + exception.getClass().getName() + "]";
    }
}
