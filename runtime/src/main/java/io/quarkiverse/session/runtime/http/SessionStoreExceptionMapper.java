package io.quarkiverse.session.runtime.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.SessionTooLargeException;
import io.quarkiverse.session.runtime.lifecycle.SessionIdFactoryException;
import io.vertx.ext.web.RoutingContext;

/**
 * A store that is down gives a clear {@code 503}, never a bare {@code 500}, or what the application's
 * {@code SessionErrorHandler} answers; the request is answered again as soon as the store is back. Quarkus REST only:
 * indexed only when the application contains Quarkus REST.
 */
public class SessionStoreExceptionMapper {

    private static final Logger LOG = Logger.getLogger(SessionStoreExceptionMapper.class);

    @ServerExceptionMapper
    public Response storeUnavailable(SessionStoreException failure, RoutingContext request) {
        return RestAnswers.toRest(SessionErrorAnswers.current().storeUnavailable(failure, request));
    }

    /**
     * A session too large, at a put or for the cookie store, that the application did not catch is a defect of the
     * application: a clear 500 whose log names the size and the limit; the body does not, since it is meant for the
     * client. Not a 413: the request that fills the session may be small.
     */
    @ServerExceptionMapper
    public Response sessionTooLarge(SessionTooLargeException failure) {
        LOG.error(failure.getMessage());
        return Response.serverError().type(MediaType.TEXT_PLAIN_TYPE).entity("The session could not be saved.")
                .build();
    }

    /**
     * The application's session ID factory failed, or returned an ID that breaks a rule: a defect of the application,
     * a clear 500 and one log line naming the factory's class and the rule, never the ID.
     */
    @ServerExceptionMapper
    public Response unusableSessionId(SessionIdFactoryException failure) {
        LOG.error(failure.getMessage());
        LOG.debug("Session ID factory failure", failure.getCause());
        return Response.serverError().type(MediaType.TEXT_PLAIN_TYPE).entity("The session could not be created.")
                .build();
    }
}
