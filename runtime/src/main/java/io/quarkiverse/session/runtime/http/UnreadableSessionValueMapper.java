package io.quarkiverse.session.runtime.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import io.quarkiverse.session.runtime.values.UnreadableSessionValueException;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Hands a stored value that does not decode, and that the endpoint did not catch, to the application's
 * {@code SessionErrorHandler}. Registered only when the application has one: without it, that failure is left to the
 * application's exception mappers, as it always was. Quarkus REST only, like the extension's other mappers.
 */
public class UnreadableSessionValueMapper implements ExceptionMapper<UnreadableSessionValueException> {

    @Override
    public Response toResponse(UnreadableSessionValueException failure) {
        RoutingContext request = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
        return RestAnswers.toRest(SessionErrorAnswers.current().valueUnreadable(failure, request));
    }
}
