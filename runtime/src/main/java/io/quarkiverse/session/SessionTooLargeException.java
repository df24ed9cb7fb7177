package io.quarkiverse.session;

/**
 * Thrown when a session would be larger than allowed. The message names the size, the limit and, for a {@code put},
 * the key and {@code quarkus.session.max-size}; never a value.
 * <ul>
 * <li>By {@link SessionValues#put put}, when the session's encoded keys and values would exceed
 * {@code quarkus.session.max-size}: the put changes nothing, and the session keeps its values as they were before it.
 * An application that lets users grow a session (a cart, a history) catches it and answers as it sees fit.</li>
 * <li>When the cookie store saves a session whose cookie would be larger than a browser keeps: the changes of the
 * request are not saved, and the client keeps its previous cookie.</li>
 * </ul>
 * Uncaught in a Quarkus REST endpoint, it is answered with {@code 500} and a generic body, and logged with its message.
 */
public class SessionTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionTooLargeException(String message) {
        super(message);
    }
}
