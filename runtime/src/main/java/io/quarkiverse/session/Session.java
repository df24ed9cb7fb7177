package io.quarkiverse.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The HTTP session of the current request.
 * <p>
 * Inject it with {@code @Inject Session session} into JAX-RS resources (worker-thread and event-loop endpoints alike)
 * and any other request-scoped code, and into WebSockets Next endpoints, where it is the session of the handshake
 * request, loaded before each callback and saved when the callback completes. Changes are saved once, automatically, when the
 * request ends, and only the keys
 * that changed are written, so concurrent requests that change different keys of one session both keep their changes.
 * In Quarkus REST endpoints, the response of a request that changed the session is not sent before the store has
 * accepted the change; plain Vert.x routes get the same guarantee by awaiting {@link Sessions#flush}.
 * <p>
 * Sessions are lazy: a request that never calls a method of this interface causes no store access and no
 * {@code Set-Cookie} header, and a new visitor's session is only stored, and its cookie only sent, once a value has
 * been written.
 * <p>
 * An instance is confined to its request; it is not meant to be used from several threads at the same time.
 */
public interface Session extends SessionValues {

    /**
     * Returns the ID of this session, as the client sends it. After {@link #regenerate()} or {@link #reset()} this is
     * the new ID.
     * <p>
     * The ID is a secret that identifies the user: never log it or show it to anyone but its owner.
     */
    String id();

    /**
     * Returns a reference to this session that is safe to show to its user, for a page that lists their devices and
     * marks this one: the same as {@link DetachedSession#handle()} of this session found by
     * {@link Sessions#findByPrincipal(String)}. It is the hash of the ID and cannot be turned back into it. {@code null}
     * while the session has no ID.
     */
    String handle();

    /**
     * Returns the name of the principal (the logged-in user) this session is bound to, if any.
     */
    Optional<String> principal();

    /**
     * Binds this session to a principal, so that {@link Sessions#findByPrincipal(String)} finds it and
     * {@link Sessions#deleteByPrincipal(String)} ends it: call it when the user has logged in. Binding it to a principal
     * other than the one it is bound to also {@linkplain #regenerate() regenerates} the ID, as a login must. Saved with the
     * other changes of the request.
     *
     * @throws IllegalArgumentException if the name is empty, longer than 1024 characters, or not well-formed UTF-16
     * @throws UnsupportedOperationException with the cookie store, which cannot find or end the sessions its clients hold
     */
    void bindPrincipal(String name);

    /**
     * Unbinds this session from its principal; {@link #reset()} and {@link #destroy()} do too.
     */
    void unbindPrincipal();

    /**
     * Returns {@code true} when this session did not exist before this request (first visit, expired or unknown ID), or
     * when it was {@linkplain #reset() reset} or {@linkplain #destroy() destroyed} in this request.
     */
    boolean isNew();

    /**
     * Returns when this session was created.
     */
    Instant createdAt();

    /**
     * Returns when this session's last use by a request before the current one was recorded; for a new session, when it
     * was created. A request that only reads records its use at most once per touch period (a twentieth of the idle
     * timeout, at most a minute), so this may lag the last request by up to that period.
     */
    Instant lastAccessedAt();

    /**
     * Overrides the idle timeout ({@code quarkus.session.idle-timeout}) of this session only, for example a longer one
     * for a "remember me" login. The absolute timeout, if any, still applies.
     *
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    void setIdleTimeout(Duration idleTimeout);

    /**
     * Gives this session a new ID and keeps its data. With a server-side store the old ID is dead at once: no request,
     * not even one still in flight, can use it or bring it back. Call it when the user logs in or gains privileges, to
     * prevent session fixation.
     * <p>
     * With the cookie store, which keeps nothing on the server, the response replaces the browser's cookie, but copies
     * of the old cookie stay valid until they expire, each with the data it held when it was sealed. That still defeats
     * fixation (a cookie planted before login never gains the login), not the theft of a cookie.
     */
    void regenerate();

    /**
     * Deletes the data of this session and continues with a new, empty session under a new ID. Call it when the user
     * logs out. The new session is stored only if the request then writes to it; otherwise the response clears the
     * session cookie, and the next request starts without one.
     */
    void reset();

    /**
     * Deletes this session from the store and clears the session cookie. Values put afterwards in the same request
     * start a new session under a new ID.
     */
    void destroy();
}
