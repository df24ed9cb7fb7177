package io.quarkiverse.session;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Application-scoped access to sessions for code that cannot or should not use the injected {@link Session}: reactive
 * code that loads the current session on demand, plain Vert.x routes, and background work that edits a session by ID.
 * <p>
 * Every method is non-blocking and may be called from an event-loop thread.
 */
public interface Sessions {

    /**
     * Returns the session of the current HTTP request, loaded from the store if needed, without blocking. This is the
     * same session an injected {@link Session} sees in this request.
     *
     * @throws IllegalStateException if no HTTP request is active
     */
    Uni<Session> current();

    /**
     * Returns the session of the given Vert.x request, loaded from the store if needed, without blocking. For plain
     * Vert.x routes, where no CDI request context is active.
     */
    Uni<Session> current(RoutingContext request);

    /**
     * Returns the session of the given Vert.x request for synchronous use, as Vert.x Web's {@code RoutingContext.session()}
     * does: no {@link Uni} per request. Nothing is loaded by this call. The first use of the session loads it, inline
     * with a store that answers at once (memory, cookie) and on a worker thread; on an event-loop thread, with a store
     * that answers asynchronously, that use fails with an {@link IllegalStateException} unless the session was loaded
     * first, by {@link #loader()} placed before the route's handler or by {@link #current(RoutingContext)}. Routes that
     * should work with any store therefore put {@link #loader()} first:
     *
     * <pre>
     * router.get("/cart").handler(sessions.loader()).handler(request -&gt; {
     *     Session session = sessions.of(request);
     *     ...
     * });
     * </pre>
     */
    Session of(RoutingContext request);

    /**
     * A route handler that loads the session of the request without blocking and then passes the request on to the
     * next handler, which can use {@link #of(RoutingContext)} with any store. A request whose session cannot be loaded
     * because the store failed is answered as Quarkus REST endpoints are: status 503 with {@code Retry-After: 1}, and
     * the {@link SessionStoreException}'s message logged as a warning. Each request with a session
     * cookie to a route that has this handler pays one load, even if its own handler then does not use the session.
     */
    Handler<RoutingContext> loader();

    /**
     * Saves the changes a plain Vert.x route made to the session of its request, now. Quarkus REST endpoints never need
     * it: their session is saved before the response is written. A Vert.x route that ends the response itself is saved
     * when the response headers are written, which, with a store that answers asynchronously, may complete after the
     * response has left; a route that must not answer before its changes are stored awaits this {@link Uni} first.
     */
    Uni<Void> flush(RoutingContext request);

    /**
     * Loads the session with the given ID. An ID that is malformed, unknown, destroyed or expired gives an empty
     * optional, never an error.
     */
    Uni<Optional<DetachedSession>> findById(String id);

    /**
     * Saves the changes made to a session loaded with {@link #findById(String)}. Only the changed keys are written.
     *
     * @return {@code true} if the changes were saved, {@code false} if the session no longer exists (destroyed,
     *         regenerated or expired since it was loaded): a save never brings a session back
     */
    Uni<Boolean> save(DetachedSession session);

    /**
     * Deletes the session with the given ID, for example to log a user out from an administration page.
     *
     * @return {@code true} if a session was deleted, {@code false} if there was none under this ID
     */
    Uni<Boolean> deleteById(String id);

    /**
     * Finds the sessions bound to a principal ({@link Session#bindPrincipal(String)}, or the login of
     * {@code quarkus.session.security}), for a page that lists a user's devices: each with its times and values, none
     * expired. Exact: the store's index follows every login, regeneration, logout and expiry.
     * <p>
     * With a store that keeps no principal index, among them the cookie store, which does not hold its sessions, the
     * {@link Uni} fails with an {@link UnsupportedOperationException}.
     *
     * @return the sessions, in no particular order; their {@link DetachedSession#id()} is {@code null}
     */
    Uni<List<DetachedSession>> findByPrincipal(String name);

    /**
     * Deletes the sessions bound to a principal: "log out everywhere", or an administrator ending a user's sessions. A
     * request in flight on a deleted session cannot bring it back, as with {@link #deleteById(String)}; a session bound
     * while it runs (a login at the same moment) may survive it. Each deleted session counts as destroyed.
     *
     * @return the number of sessions deleted
     */
    Uni<Integer> deleteByPrincipal(String name);

    /**
     * Deletes the sessions bound to the principal of this session, except this one: "log out my other devices".
     *
     * @return the number of sessions deleted; {@code 0} if this session is bound to no principal
     */
    Uni<Integer> deleteOtherSessions(Session current);

    /**
     * Deletes a session found by {@link #findById(String)} or {@link #findByPrincipal(String)}, for example the device a
     * user chose to log out on a page that lists them.
     *
     * @return {@code true} if a session was deleted, {@code false} if it had already ended
     */
    Uni<Boolean> delete(DetachedSession session);

    /**
     * Deletes every session of the store, for tools and tests: an administration task that logs everyone out, a test
     * that starts from an empty store. Each deleted session counts as destroyed in the metrics.
     * <p>
     * A request in flight on a deleted session cannot bring it back: its save finds nothing to update (an update never
     * creates a session), so its changes are dropped and its client gets a new session on its next request. Sessions
     * created while it runs may survive it. It is not bounded by {@code quarkus.session.store-timeout}, which is meant
     * for one session, but fails with a {@link SessionStoreException} if the store has not finished within 5 minutes;
     * the sessions deleted until then stay deleted.
     * <p>
     * The cookie store keeps nothing on the server, so it cannot delete the sessions its clients hold: with it, the
     * {@link Uni} fails with an {@link UnsupportedOperationException}. To end every cookie session, replace
     * {@code quarkus.session.secret} with a new secret, without keeping the old one, and restart: cookies sealed with
     * the old one are then rejected.
     *
     * @return the number of sessions deleted
     */
    Uni<Integer> deleteAll();
}
