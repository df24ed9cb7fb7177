package io.quarkiverse.session.runtime.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.values.UnreadableSessionValueException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A failure handler on every route, so that a plain Vert.x route that fails with a session failure, a store that is
 * down or a value it read that does not decode, gets the application's {@code SessionErrorHandler}'s answer rather
 * than a bare {@code 500}. Registered only when the application has a handler: without one, plain routes fail as they
 * always did. Any other failure, or one whose response has started, goes on to the next failure handler.
 */
@Singleton
public class SessionFailureRoute {

    void register(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    private void handle(RoutingContext request) {
        Throwable failure = request.failure() == null ? null : RequestSession.unwrap(request.failure());
        if (request.response().headWritten()) {
            request.next();
        } else if (failure instanceof SessionStoreException storeDown) {
            SessionErrorAnswers.current().sendStoreUnavailable(request, storeDown);
        } else if (failure instanceof UnreadableSessionValueException unreadable) {
            SessionErrorAnswers.current().sendValueUnreadable(request, unreadable);
        } else {
            request.next();
        }
    }
}
