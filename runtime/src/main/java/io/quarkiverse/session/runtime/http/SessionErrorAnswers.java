package io.quarkiverse.session.runtime.http;

import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionErrorHandler;
import io.quarkiverse.session.SessionErrorResponse;
import io.quarkiverse.session.SessionFailure;
import io.quarkiverse.session.SessionFailure.Kind;
import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.values.UnreadableSessionValueException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose session cannot be served, on Quarkus REST endpoints and plain Vert.x routes alike: with the
 * application's {@link SessionErrorHandler} if it has one, else with the extension's answer, exactly as before handlers
 * existed. Created at startup, so that two handlers fail it. It names no Quarkus REST type, so that it works in
 * applications without Quarkus REST; the REST mappers turn its answers into responses ({@link RestAnswers}).
 * <p>
 * Invariants: each failure is logged once, by the extension, whatever the answer, and never with a session ID or a
 * value; each gets exactly one answer, the default one when the handler throws or returns nothing; a handler's own
 * failure is logged by its type only, since its message may quote anything the request carried, the ID included.
 */
@Startup
@Singleton
public class SessionErrorAnswers {

    private static final Logger LOG = Logger.getLogger(SessionErrorAnswers.class);

    /** The application's handler, or {@code null} for the extension's answers. */
    private final SessionErrorHandler handler;
    private final String handlerClass;

    SessionErrorAnswers(InjectableInstance<SessionErrorHandler> handlers) {
        if (handlers.isUnsatisfied()) {
            this.handler = null;
            this.handlerClass = null;
        } else if (handlers.isAmbiguous()) {
            throw new ConfigurationException("Several beans implement " + SessionErrorHandler.class.getName() + ": "
                    + handlers.handlesStream().map(handle -> handle.getBean().getBeanClass().getName()).sorted()
                            .collect(Collectors.joining(", "))
                    + ". Keep one: it answers every request whose session cannot be served.");
        } else {
            this.handler = handlers.get();
            this.handlerClass = handlers.getHandle().getBean().getBeanClass().getName();
        }
    }

    /** The bean, for handlers that are no beans themselves. */
    public static SessionErrorAnswers current() {
        return Arc.container().instance(SessionErrorAnswers.class).get();
    }

    /**
     * The answer to a request whose store failed, for a Quarkus REST endpoint to return.
     */
    SessionErrorResponse storeUnavailable(SessionStoreException failure, RoutingContext request) {
        StoreUnavailable.log(failure);
        return answer(new SessionFailure(Kind.STORE_UNAVAILABLE, failure, request));
    }

    /**
     * Ends the response of a plain Vert.x route whose store failed; also of a request whose login could not be read
     * from the session.
     */
    public void sendStoreUnavailable(RoutingContext request, SessionStoreException failure) {
        StoreUnavailable.log(failure);
        if (handler == null) {
            StoreUnavailable.send(request.response());
        } else {
            send(request.response(), answer(new SessionFailure(Kind.STORE_UNAVAILABLE, failure, request)));
        }
    }

    /**
     * The answer to a Quarkus REST endpoint that read a value that does not decode. Only asked with an application
     * handler: without one, that failure is left to the application's exception mappers, as it always was.
     */
    SessionErrorResponse valueUnreadable(UnreadableSessionValueException failure, RoutingContext request) {
        logUnreadable(failure);
        return answer(new SessionFailure(Kind.VALUE_UNREADABLE, failure, request));
    }

    /**
     * Ends the response of a plain Vert.x route that read a value that does not decode; see {@link #valueUnreadable}.
     */
    void sendValueUnreadable(RoutingContext request, UnreadableSessionValueException failure) {
        logUnreadable(failure);
        send(request.response(), answer(new SessionFailure(Kind.VALUE_UNREADABLE, failure, request)));
    }

    private SessionErrorResponse answer(SessionFailure failure) {
        if (handler == null) {
            return failure.defaultResponse();
        }
        try {
            SessionErrorResponse response = handler.respond(failure);
            if (response != null) {
                return response;
            }
            LOG.warnf("The session error handler %s returned no response; the client got the default one", handlerClass);
        } catch (RuntimeException e) {
            LOG.warnf("The session error handler %s failed (%s); the client got the default response", handlerClass,
                    e.getClass().getName());
        }
        return failure.defaultResponse();
    }

    private static void logUnreadable(UnreadableSessionValueException failure) {
        // The message names the key and the type; the cause, redacted of the value, is for debugging.
        LOG.error(failure.getMessage());
        LOG.debug("Session value failure", failure.getCause());
    }

    private static void send(HttpServerResponse response, SessionErrorResponse answer) {
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        if (answer.body() == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", answer.contentType()).end(answer.body());
        }
    }
}
