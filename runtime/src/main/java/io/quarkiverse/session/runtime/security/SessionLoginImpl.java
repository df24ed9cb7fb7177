package io.quarkiverse.session.runtime.security;

import java.util.List;
import java.util.Objects;

import jakarta.inject.Singleton;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.SessionLogin;
import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.lifecycle.PrincipalNames;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Logs sessions in and out, for the application ({@link SessionLogin}) and for the login and logout routes alike.
 * <p>
 * Invariants: a session is changed only once the identity is known, so a failed login leaves it as it was; a login
 * always ends with a new session ID; an identity the session cannot hold changes nothing: a principal name no store can
 * index is refused first, and the identity is written before the principal is bound, so that one that does not fit in
 * the session ({@code SessionTooLargeException}) binds nothing.
 */
@Singleton
public class SessionLoginImpl implements SessionLogin {

    private final IdentityProviderManager identityProviders;
    private final Sessions sessions;
    private final CurrentVertxRequest currentRequest;
    private final List<String> keptAttributes;

    SessionLoginImpl(IdentityProviderManager identityProviders, Sessions sessions, CurrentVertxRequest currentRequest,
            SessionConfig config) {
        this.identityProviders = identityProviders;
        this.sessions = sessions;
        this.currentRequest = currentRequest;
        this.keptAttributes = config.security().attributes().orElse(List.of());
    }

    @Override
    public Uni<SecurityIdentity> login(String username, String password) {
        return request().flatMap(request -> login(request, username, password));
    }

    @Override
    public Uni<Void> login(SecurityIdentity identity) {
        return request().flatMap(request -> login(request, identity));
    }

    @Override
    public Uni<Void> logout() {
        return request().flatMap(this::logout);
    }

    /**
     * Checks the credentials with the identity providers, then logs the session of {@code request} in.
     */
    Uni<SecurityIdentity> login(RoutingContext request, String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        UsernamePasswordAuthenticationRequest credentials = new UsernamePasswordAuthenticationRequest(username,
                new PasswordCredential(password.toCharArray()));
        HttpSecurityUtils.setRoutingContextAttribute(credentials, request);
        return Uni.createFrom().deferred(() -> identityProviders.authenticate(credentials))
                .call(identity -> login(request, identity));
    }

    Uni<Void> login(RoutingContext request, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Uni.createFrom().failure(new IllegalArgumentException("Only a named identity can log in, not "
                    + (identity == null ? "none" : "the anonymous one")));
        }
        StoredIdentity stored;
        try {
            stored = StoredIdentity.of(identity, keptAttributes);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        if (!PrincipalNames.isValid(stored.name())) {
            // Refused before the session changes: bindPrincipal would refuse it after the identity was written.
            return Uni.createFrom().failure(new IllegalArgumentException("The identity's principal name cannot bind a "
                    + "session: it must have 1 to 1024 characters of well-formed UTF-16, it has "
                    + stored.name().length()));
        }
        return sessions.current(request).invoke(session -> bind(session, stored)).replaceWithVoid();
    }

    Uni<Void> logout(RoutingContext request) {
        return sessions.current(request).invoke(Session::destroy).replaceWithVoid();
    }

    private static void bind(Session session, StoredIdentity identity) {
        session.put(StoredIdentity.KEY, identity.toValue());
        if (session.principal().filter(identity.name()::equals).isPresent()) {
            // Binding the same principal again keeps the ID; a login never does.
            session.regenerate();
        }
        session.bindPrincipal(identity.name());
    }

    private Uni<RoutingContext> request() {
        RoutingContext request = currentRequest.getCurrent();
        return request == null
                ? Uni.createFrom().failure(new IllegalStateException("No HTTP request is active: SessionLogin logs in "
                        + "and out the session of the current HTTP request"))
                : Uni.createFrom().item(request);
    }
}
