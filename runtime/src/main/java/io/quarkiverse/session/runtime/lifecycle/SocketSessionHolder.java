package io.quarkiverse.session.runtime.lifecycle;

import jakarta.enterprise.context.RequestScoped;

/**
 * The session of the WebSocket callback running in the current request context, which WebSockets Next activates for
 * each callback; set before the callback by the WebSocket integration, read by the {@code Session} producer. Empty
 * during HTTP requests.
 */
@RequestScoped
public class SocketSessionHolder {

    private SocketSession session;

    public void set(SocketSession session) {
        this.session = session;
    }

    SocketSession get() {
        return session;
    }
}
