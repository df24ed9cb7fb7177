package io.quarkiverse.session;

/**
 * Thrown when the session store cannot load or save a session, for example because it is unreachable or has not
 * answered within {@code quarkus.session.store-timeout}. An HTTP request that fails with this exception gets a
 * {@code 503 Service Unavailable} response.
 */
public class SessionStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public SessionStoreException(String message) {
        super(message);
    }
}
