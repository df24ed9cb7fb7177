package io.quarkiverse.session.runtime.security;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkiverse.session.Session;
import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.http.SessionErrorAnswers;
import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.values.UnreadableSessionValueException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.VertxHttpBuildTimeConfig;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a request as the identity a login kept in its session, loaded without blocking. A request whose
 * session holds no identity, or one not bound to the session's principal, or whose session is unknown, expired, deleted
 * or destroyed, is anonymous: nothing else (no cookie, no signature) can make it logged in.
 * <p>
 * A store that is down does not make a logged-in user anonymous: the request is answered with the store-unavailable
 * response every other session user gets ({@code 503} with {@code Retry-After}, or the application's
 * {@code SessionErrorHandler}'s), and the authentication fails. With proactive authentication the mechanism answers
 * itself, since Quarkus would turn any failure but an authentication failure into a {@code 500}; with lazy
 * authentication the failure reaches the endpoint that asked for the identity, whose answer to a store failure is that
 * response, and which must be the only one to answer. The login itself is not done here but by the login
 * route ({@link LoginRoutes}), so that it works alike with proactive and lazy authentication.
 */
@Singleton
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The authentication scheme, for {@code quarkus.http.auth.permission.*.auth-mechanism}. */
    static final String SCHEME = "session";
    private static final Logger LOG = Logger.getLogger(SessionAuthenticationMechanism.class);

    private final Sessions sessions;
    private final Optional<String> loginPage;
    private final String cookieName;
    private final boolean proactive;

    SessionAuthenticationMechanism(Sessions sessions, SessionConfig config) {
        this.sessions = sessions;
        this.loginPage = config.security().loginPage();
        this.cookieName = config.cookie().name();
        this.proactive = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(VertxHttpBuildTimeConfig.class).auth().proactive();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext request, IdentityProviderManager identityProviders) {
        return sessions.current(request).onItemOrFailure().transformToUni((session, failure) -> {
            if (failure != null) {
                return storeFailure(request, failure);
            }
            StoredIdentity identity = identityOf(session);
            if (identity == null) {
                return Uni.createFrom().nullItem();
            }
            AuthenticationRequest restore = new SessionIdentityRequest(identity);
            HttpSecurityUtils.setRoutingContextAttribute(restore, request);
            return identityProviders.authenticate(restore);
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext request) {
        return Uni.createFrom().item(loginPage
                .map(page -> new ChallengeData(302, HttpHeaderNames.LOCATION, page))
                .orElseGet(() -> new ChallengeData(401)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        // Its own provider answers them: the check that a provider exists always passes, even for an application that
        // logs in only identities it checked itself.
        return Set.of(SessionIdentityRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext request) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, cookieName, SCHEME));
    }

    /**
     * The identity a login kept in the session, if the session is still bound to its principal; {@code null} for
     * anything else, a value that does not decode included.
     */
    static StoredIdentity identityOf(Session session) {
        Optional<String> principal = session.principal();
        if (principal.isEmpty()) {
            return null;
        }
        StoredIdentity stored;
        try {
            stored = StoredIdentity.fromValue(session.get(StoredIdentity.KEY, Object.class));
        } catch (UnreadableSessionValueException e) {
            LOG.debug("The identity kept in a session does not decode; the request is anonymous", e);
            return null;
        }
        return stored != null && stored.name().equals(principal.get()) ? stored : null;
    }

    private Uni<SecurityIdentity> storeFailure(RoutingContext request, Throwable failure) {
        Throwable cause = RequestSession.unwrap(failure);
        if (proactive && cause instanceof SessionStoreException storeDown && !request.response().ended()) {
            // Answered here, once: the authentication failure that follows finds the response ended and adds nothing.
            SessionErrorAnswers.current().sendStoreUnavailable(request, storeDown);
        }
        return Uni.createFrom().failure(cause);
    }
}
