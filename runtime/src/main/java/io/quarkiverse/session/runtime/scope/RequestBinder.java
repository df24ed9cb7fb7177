package io.quarkiverse.session.runtime.scope;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The route filter that lets the session context find the request it serves: it puts the request in the request's own
 * Vert.x duplicated context, which follows the request to worker threads and nowhere else (a WebSocket connection gets
 * a duplicated context of its own).
 */
final class RequestBinder implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext request) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(SessionScopeContext.REQUEST_KEY, request);
        }
        request.next();
    }
}
