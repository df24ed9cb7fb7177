package io.quarkiverse.session.runtime.http;

import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkus.arc.Arc;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The Vert.x route filter that binds a request to its session, so that Quarkus REST, reactive routes and plain Vert.x
 * routes all see the same one. It only allocates a holder: the cookie is read and the store asked when the session is
 * first used. A request whose session was opened before the filter ran keeps that one.
 * <p>
 * In applications with WebSockets Next, it also leaves a WebSocket handshake request in its Vert.x context, where the
 * handshake check of the WebSocket integration, which sees only the bare HTTP request, finds it to read the session ID
 * with the configured ID sources.
 */
public final class SessionFilter implements Handler<RoutingContext> {

    /** The Vert.x context local that holds the {@link RoutingContext} of a WebSocket handshake request. */
    public static final String HANDSHAKE_KEY = SessionFilter.class.getName() + ".handshake";

    private static volatile boolean leaveHandshakes;

    private final boolean leavesHandshakes = leaveHandshakes;
    private volatile SessionLifecycle lifecycle;

    /**
     * Whether the filters created from now on leave WebSocket handshake requests for the WebSocket integration.
     */
    public static void leaveHandshakes(boolean leave) {
        leaveHandshakes = leave;
    }

    @Override
    public void handle(RoutingContext request) {
        // Code that ran before, such as the authentication of quarkus.session.security, may have opened the session
        // already: keep it, so that the request has one session, loaded once and saved once.
        if (request.get(RequestSession.CONTEXT_KEY) == null) {
            request.put(RequestSession.CONTEXT_KEY, lifecycle().open(request));
        }
        if (leavesHandshakes && "websocket".equalsIgnoreCase(request.request().getHeader(HttpHeaders.UPGRADE))) {
            Context context = Vertx.currentContext();
            if (context != null) {
                context.putLocal(HANDSHAKE_KEY, request);
            }
        }
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
