package io.quarkiverse.session.runtime.lifecycle;

import io.vertx.ext.web.RoutingContext;

/**
 * Sessions held by a server-side store: the client holds only the ID.
 */
final class StoredSessionHolder implements SessionHolder {

    private final boolean answersImmediately;

    StoredSessionHolder(boolean answersImmediately) {
        this.answersImmediately = answersImmediately;
    }

    @Override
    public RequestSession open(SessionLifecycle lifecycle, RoutingContext request) {
        return new StoredRequestSession(lifecycle, request);
    }

    @Override
    public boolean answersImmediately() {
        return answersImmediately;
    }
}
