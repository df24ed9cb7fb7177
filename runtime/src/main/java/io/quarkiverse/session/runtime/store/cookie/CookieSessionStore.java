package io.quarkiverse.session.runtime.store.cookie;

import java.util.List;

import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.lifecycle.SessionHolder;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The cookie store: every session lives, sealed, in its own cookie, and the server keeps nothing. As the
 * {@link SessionHolder} of requests it reads and writes the cookie through the {@link CookieSessionCodec}; as a
 * {@link SessionStore} it answers the server-side operations, which find nothing here: a session cannot be loaded,
 * listed or deleted by ID, and {@link #deleteAll} fails, since it cannot do what it promises.
 */
public final class CookieSessionStore implements SessionStore, SessionHolder {

    private static final Uni<Boolean> FALSE = Uni.createFrom().item(false);

    private final CookieSessionCodec codec;

    public CookieSessionStore(CookieSessionCodec codec) {
        this.codec = codec;
    }

    @Override
    public RequestSession open(SessionLifecycle lifecycle, RoutingContext request) {
        return new CookieRequestSession(lifecycle, request, codec);
    }

    @Override
    public boolean answersImmediately() {
        return true;
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return Uni.createFrom().failure(new IllegalStateException("The cookie store keeps no session on the server"));
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return FALSE;
    }

    /**
     * Opens a cookie value sealed by this store, for tools that show what a cookie holds (the Dev UI).
     *
     * @return the session, or {@code null} if the value is not a cookie this application sealed with one of its secrets
     */
    public CookieSessionCodec.CookieSession open(String cookieValue) {
        return codec.open(cookieValue);
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return FALSE;
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return FALSE;
    }

    /**
     * Refuses: the sessions are in the clients' cookies, out of the server's reach. A new secret ends them all.
     */
    @Override
    public Uni<Integer> deleteAll() {
        return Uni.createFrom().failure(new UnsupportedOperationException("The cookie session store keeps every session "
                + "in its client's cookie, not on the server: it cannot delete them. To end every session, replace "
                + "quarkus.session.secret with a new secret, without keeping the old one, and restart the application: "
                + "cookies sealed with the old secret are then rejected"));
    }

    /**
     * Refuses: the server does not know the sessions its clients hold, so it can neither find nor end a user's.
     */
    @Override
    public Uni<List<SessionEntry>> findByPrincipal(String principal) {
        return Uni.createFrom().failure(new UnsupportedOperationException("The cookie session store keeps every session "
                + "in its client's cookie, not on the server: it cannot find or end the sessions of a user. To log users "
                + "out everywhere, choose a server-side store (quarkus.session.store=memory, filesystem, redis or "
                + "postgresql); with the cookie store, keep idle and absolute timeouts short, and replace "
                + "quarkus.session.secret to end every session at once"));
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        return Uni.createFrom().item(new SessionPage(List.of(), null));
    }
}
