package io.quarkiverse.session.runtime.values;

/**
 * A stored session value that does not decode as the type it is read as. An {@link IllegalArgumentException}, as the
 * guide promises applications that catch it; a type of its own so that an application's
 * {@code SessionErrorHandler} can answer it. Its message names the key and the type, never the value.
 */
public final class UnreadableSessionValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    UnreadableSessionValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
