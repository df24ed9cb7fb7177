package io.quarkiverse.session.runtime.websockets;

import jakarta.inject.Singleton;

import io.quarkiverse.session.runtime.http.SessionFilter;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the session ID of a WebSocket handshake request with the configured ID sources, and keeps it in the
 * connection's user data for the callbacks of the connection ({@link SocketSessionInterceptor}). Never refuses a
 * handshake: a request without a session, or with a malformed ID, opens a connection without a session. Nothing is
 * loaded here: each callback loads the session itself.
 */
@Singleton
public class HandshakeSessionCheck implements HttpUpgradeCheck {

    /** The well-formed session ID the handshake request carried; absent if it carried none. */
    static final UserData.TypedKey<String> SESSION_ID = UserData.TypedKey.forString(HandshakeSessionCheck.class.getName());

    private final SessionLifecycle lifecycle;

    HandshakeSessionCheck(SessionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext upgrade) {
        Context context = Vertx.currentContext();
        // The session filter left the handshake's routing context here; the check itself only sees the HTTP request.
        Object handshake = context == null ? null : context.getLocal(SessionFilter.HANDSHAKE_KEY);
        if (handshake instanceof RoutingContext request && request.request() == upgrade.httpRequest()) {
            context.removeLocal(SessionFilter.HANDSHAKE_KEY);
            String id = lifecycle.idSources().read(request, lifecycle.ids().format(), 0);
            if (id != null) {
                upgrade.userData().put(SESSION_ID, id);
            }
        }
        return CheckResult.permitUpgrade();
    }
}
