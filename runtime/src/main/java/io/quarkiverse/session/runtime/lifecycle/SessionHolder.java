package io.quarkiverse.session.runtime.lifecycle;

import io.vertx.ext.web.RoutingContext;

/**
 * Where the session of a request is held between requests: in a server-side store, found by the hash of the ID the
 * client sends ({@link StoredSessionHolder}), or by the client itself, sealed in the value it sends (the cookie store).
 * The request lifecycle works through this seam only; a {@code SessionStore} that holds sessions at the client
 * implements it too.
 */
public interface SessionHolder {

    /**
     * Starts the session of a request. Nothing is read or loaded until the application uses it.
     */
    RequestSession open(SessionLifecycle lifecycle, RoutingContext request);

    /**
     * Whether a session is loaded without waiting for I/O, so that it can be loaded on first use on any thread.
     */
    boolean answersImmediately();
}
