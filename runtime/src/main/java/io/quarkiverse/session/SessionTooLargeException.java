package io.quarkiverse.session;

/**
 * Thrown when a session cannot be saved because it is larger than its store accepts, for example more than a browser
 * keeps in one cookie with the cookie store. The message names the size and the limit. The changes of the request are
 * not saved; the previous state of the session is kept.
 */
public class SessionTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionTooLargeException(String message) {
        super(message);
    }
}
