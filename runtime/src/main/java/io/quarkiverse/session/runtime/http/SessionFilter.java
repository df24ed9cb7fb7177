package io.quarkiverse.session.runtime.http;

import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The Vert.x route filter that binds a request to its session, so that Quarkus REST, reactive routes and plain Vert.x
 * routes all see the same one. It only allocates a holder: the cookie is read and the store asked when the session is
 * first used.
 */
public final class SessionFilter implements Handler<RoutingContext> {

    private volatile SessionLifecycle lifecycle;

    @Override
    public void handle(RoutingContext request) {
        request.put(RequestSession.CONTEXT_KEY, lifecycle().open(request));
        request.next();
    }

    private SessionLifecycle lifecycle() {
        SessionLifecycle current = lifecycle;
        if (current == null) {
            current = Arc.container().instance(SessionLifecycle.class).get();
            lifecycle = current;
        }
        return current;
    }
}
