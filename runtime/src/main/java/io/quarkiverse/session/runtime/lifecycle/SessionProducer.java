package io.quarkiverse.session.runtime.lifecycle;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkiverse.session.Session;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

@Singleton
public class SessionProducer {

    private final CurrentVertxRequest currentRequest;
    private final SocketSessionHolder socketSession;

    SessionProducer(CurrentVertxRequest currentRequest, SocketSessionHolder socketSession) {
        this.currentRequest = currentRequest;
        this.socketSession = socketSession;
    }

    @Produces
    @RequestScoped
    Session session() {
        RoutingContext request = currentRequest.getCurrent();
        if (request == null) {
            // A callback of a WebSockets Next endpoint has no HTTP request of its own: its session was loaded before it.
            SocketSession socket = socketSession.get();
            if (socket != null) {
                return socket;
            }
            throw new IllegalStateException("Session is only available while an HTTP request or a WebSocket callback is "
                    + "handled; to read or change a session from background work, use Sessions.findById");
        }
        return RequestSession.of(request);
    }
}
