package io.quarkiverse.session.runtime.http;

import java.util.concurrent.CompletableFuture;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The handler of {@code Sessions.loader()}: loads the session of a plain Vert.x route without blocking, then calls the
 * next handler, on the request's event loop. A store that is down gets the answer Quarkus REST endpoints give: the
 * extension's {@code 503}, or the application's {@code SessionErrorHandler}'s.
 */
public final class SessionLoader implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext request) {
        CompletableFuture<Void> loading = RequestSession.of(request).resolveAsync();
        if (loading.isDone() && !loading.isCompletedExceptionally()) {
            request.next();
            return;
        }
        // The lifecycle completes a load started on an event loop back on that event loop.
        loading.whenComplete((ignored, failure) -> {
            if (failure == null) {
                request.next();
            } else {
                Throwable cause = RequestSession.unwrap(failure);
                if (cause instanceof SessionStoreException storeDown) {
                    SessionErrorAnswers.current().sendStoreUnavailable(request, storeDown);
                } else {
                    request.fail(cause);
                }
            }
        });
    }
}
