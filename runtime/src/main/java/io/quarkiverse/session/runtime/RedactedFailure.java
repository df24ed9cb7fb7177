package io.quarkiverse.session.runtime;

import java.nio.file.FileSystemException;

/**
 * Stands in, as the cause of an exception this extension throws, for a failure whose message may carry what must never
 * reach a log or an error page: a session value (Jackson quotes the value it could not read or write, and the message
 * of a getter that failed), or a file path, which holds the full hash of a key. It keeps what finds the fault, the type
 * and the stack trace of the failure and of each of its causes, and drops their messages; a
 * {@link FileSystemException} keeps its reason (the operating system's, such as "No space left on device"), which names
 * no file.
 */
public final class RedactedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Causes beyond this depth are dropped, so that a cycle in a cause chain ends. */
    private static final int MAX_DEPTH = 16;

    private RedactedFailure(String description, RedactedFailure cause, StackTraceElement[] stackTrace) {
        super(description + " (message withheld)", cause, false, true);
        setStackTrace(stackTrace);
    }

    /**
     * A copy of {@code failure} and its causes without their messages.
     */
    public static RedactedFailure of(Throwable failure) {
        return of(failure, 0);
    }

    private static RedactedFailure of(Throwable failure, int depth) {
        if (failure instanceof RedactedFailure redacted) {
            return redacted;
        }
        Throwable cause = failure.getCause();
        RedactedFailure redactedCause = cause == null || cause == failure || depth == MAX_DEPTH ? null
                : of(cause, depth + 1);
        return new RedactedFailure(describe(failure), redactedCause, failure.getStackTrace());
    }

    private static String describe(Throwable failure) {
        String type = failure.getClass().getName();
        return failure instanceof FileSystemException io && io.getReason() != null ? type + ": " + io.getReason() : type;
    }

    /** The original's type, as the first line of a stack trace shows it, rather than this class's name. */
    @Override
    public String toString() {
        return getMessage();
    }
}
