package io.quarkiverse.session;

/**
 * Thrown when the session store cannot load or save a session, for example because it is unreachable or has not
 * answered within {@code quarkus.session.store-timeout}. An HTTP request that fails with this exception gets a
 * {@code 503 Service Unavailable} response.
 * <p>
 * A store that fails with this exception chooses its message, which is logged as it is: it must name no session ID, no
 * full key hash ({@link io.quarkiverse.session.spi.SessionKey#shortHash()} is the one to log) and no value. Any other
 * exception a store fails with is wrapped in one that names only its type, with the short hash.
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
