package io.quarkiverse.session;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Logs the session of the current HTTP request in and out, for applications that run their own login endpoint rather
 * than posting the form to {@code quarkus.session.security.login-path}. Requires
 * {@code quarkus.session.security.enabled=true}; inject it with {@code @Inject SessionLogin login}.
 * <p>
 * A login gives the session a new ID (the ID it had before, which someone may have planted, carries no login), binds it
 * to the principal ({@link Session#principal()}) and keeps the identity in it: its name, roles and the attributes named
 * by {@code quarkus.session.security.attributes}. From the next request on, requests with the session are authenticated
 * as that identity, until the session ends: logout, expiry, or deletion from another device
 * ({@link Sessions#deleteByPrincipal(String)}, {@link Sessions#deleteById(String)}). The request that logs in is not
 * authenticated again: with proactive authentication (the default) its identity stays the one it came with. The changes are
 * saved with the other changes of the request, as any session change
 * is: before the response of a Quarkus REST endpoint is sent.
 * <p>
 * Every method is non-blocking and must be called while an HTTP request is active; the returned {@link Uni} fails with
 * an {@link IllegalStateException} otherwise.
 */
public interface SessionLogin {

    /**
     * Checks a user name and password with the application's Quarkus Security identity providers and, if they are
     * right, logs the session in as the identity the providers return.
     *
     * @return the identity logged in
     * @throws io.quarkus.security.AuthenticationFailedException through the {@link Uni}, if the credentials are wrong;
     *         the session is then unchanged
     */
    Uni<SecurityIdentity> login(String username, String password);

    /**
     * Logs the session in as an identity the application has checked itself, for example after a one-time link or a
     * second factor.
     *
     * @throws IllegalArgumentException through the {@link Uni}, if the identity is anonymous, or its principal name
     *         cannot bind a session ({@link Session#bindPrincipal(String)}); the session is then unchanged
     * @throws io.quarkiverse.session.SessionTooLargeException through the {@link Uni}, if the identity does not fit in
     *         the session ({@code quarkus.session.max-size}); the session is then unchanged
     */
    Uni<Void> login(SecurityIdentity identity);

    /**
     * Logs out: destroys the session in the store, so that every copy of its cookie is dead at once, and clears the
     * cookie. Values the session held are gone with it.
     */
    Uni<Void> logout();
}
