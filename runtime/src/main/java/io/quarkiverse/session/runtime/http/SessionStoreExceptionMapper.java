package io.quarkiverse.session.runtime.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.SessionTooLargeException;

/**
 * A store that is down gives a clear {@code 503}, never a bare {@code 500}; the request is answered again as soon as
 * the store is back.
 */
public class SessionStoreExceptionMapper {

    private static final Logger LOG = Logger.getLogger(SessionStoreExceptionMapper.class);

    /** The body of the answer to a request whose session store is down, on every kind of route. */
    public static final String UNAVAILABLE = "Session store unavailable, please retry.";
    /** Seconds after which a client may retry a request whose session store was down. */
    public static final String RETRY_AFTER = "1";

    @ServerExceptionMapper
    public Response storeUnavailable(SessionStoreException failure) {
        logUnavailable(failure);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN_TYPE)
                .header("Retry-After", RETRY_AFTER).entity(UNAVAILABLE).build();
    }

    public static void logUnavailable(SessionStoreException failure) {
        // Once per failing request while a store is down: the message says what failed, the trace is for debugging.
        LOG.warn(failure.getMessage());
        LOG.debug("Session store failure", failure);
    }

    /**
     * A session too large for its store is a defect of the application: a clear 500 whose log names the size and the
     * limit; the body does not, since it is meant for the client.
     */
    @ServerExceptionMapper
    public Response sessionTooLarge(SessionTooLargeException failure) {
        LOG.error(failure.getMessage());
        return Response.serverError().type(MediaType.TEXT_PLAIN_TYPE).entity("The session could not be saved.")
                .build();
    }
}
