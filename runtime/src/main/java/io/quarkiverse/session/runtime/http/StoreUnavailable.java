package io.quarkiverse.session.runtime.http;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionStoreException;
import io.vertx.core.http.HttpServerResponse;

/**
 * The extension's answer to a request whose session store is down, the same on every kind of route: a {@code 503} the
 * client may retry after a second. Every such failure is logged here, one warning per request rather than an error
 * with a stack trace, whoever answers it ({@link SessionErrorAnswers}).
 */
final class StoreUnavailable {

    private static final Logger LOG = Logger.getLogger(StoreUnavailable.class);
    private static final String BODY = "Session store unavailable, please retry.";
    /** Seconds after which a client may retry. */
    private static final String RETRY_AFTER = "1";

    private StoreUnavailable() {
    }

    /**
     * Ends a plain Vert.x response with the answer.
     */
    static void send(HttpServerResponse response) {
        response.setStatusCode(503).putHeader("Retry-After", RETRY_AFTER)
                .putHeader("Content-Type", "text/plain;charset=UTF-8").end(BODY);
    }

    static void log(SessionStoreException failure) {
        // The message says what failed, by the short hash only; the trace is for debugging.
        LOG.warn(failure.getMessage());
        LOG.debug("Session store failure", failure);
    }
}
