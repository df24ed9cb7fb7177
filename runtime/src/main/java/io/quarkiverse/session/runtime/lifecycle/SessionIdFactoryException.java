package io.quarkiverse.session.runtime.lifecycle;

/**
 * The application's {@code SessionIdFactory} failed, or returned an ID that breaks one of its rules, when a session
 * needed a new ID: a defect of the application, which fails the request with a {@code 500}. The message names the
 * factory's class and the rule, never the ID.
 */
public final class SessionIdFactoryException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    SessionIdFactoryException(String message) {
        super(message);
    }

    SessionIdFactoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
