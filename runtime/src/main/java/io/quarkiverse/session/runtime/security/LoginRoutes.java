package io.quarkiverse.session.runtime.security;

import java.lang.reflect.Type;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.SessionTooLargeException;
import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.runtime.config.SecurityConfig;
import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.http.SessionErrorAnswers;
import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkus.arc.impl.ParameterizedTypeImpl;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The login form's route ({@code POST quarkus.session.security.login-path}) and the logout route
 * ({@code POST quarkus.session.security.logout-path}).
 * <p>
 * They run after authentication and before authorization and the application's routes, as Quarkus' form
 * authentication does, so that a login is possible wherever permissions would deny anonymous requests, and they answer
 * the request themselves. Nothing blocks the event loop: the form is read as it arrives, the identity providers run
 * where Quarkus Security runs them, the session is loaded and saved without blocking, and the response leaves only once
 * the store has accepted the change. A failed login changes nothing in the session; a store that is down gets the
 * store-unavailable answer.
 */
@Singleton
public class LoginRoutes {

    private static final Logger LOG = Logger.getLogger(LoginRoutes.class);
    /** Where Quarkus' form authentication puts its own post handler: after authentication, before authorization. */
    private static final int ORDER = -1 * SecurityHandlerPriorities.FORM_AUTHENTICATION;

    private static final Type PASSWORD_PROVIDER = new ParameterizedTypeImpl(IdentityProvider.class,
            UsernamePasswordAuthenticationRequest.class);

    private final SessionLoginImpl login;
    private final Sessions sessions;
    private final SecurityConfig config;

    LoginRoutes(SessionLoginImpl login, Sessions sessions, SessionConfig config) {
        this.login = login;
        this.sessions = sessions;
        this.config = config.security();
    }

    void register(@Observes Router router, BeanManager beans) {
        if (beans.getBeans(PASSWORD_PROVIDER).isEmpty()) {
            // Without one, every form login would fail; an application that logs in only identities it checked itself
            // (SessionLogin.login(SecurityIdentity)) needs no form.
            LOG.warnf("No Quarkus Security identity provider checks user names and passwords, so the login form of "
                    + "quarkus.session.security is off: %s is not served. Add one (quarkus-elytron-security-properties-"
                    + "file, quarkus-security-jpa, or an IdentityProvider<UsernamePasswordAuthenticationRequest> bean), "
                    + "or log in with SessionLogin.login(SecurityIdentity)", config.loginPath());
        } else {
            router.post(config.loginPath()).order(ORDER).handler(this::formLogin);
        }
        config.logoutPath().ifPresent(path -> router.post(path).order(ORDER).handler(this::logout));
    }

    private void formLogin(RoutingContext request) {
        readForm(request, form -> {
            String username = form.get(config.usernameParameter());
            String password = form.get(config.passwordParameter());
            if (username == null || username.isBlank() || password == null) {
                loginFailed(request);
                return;
            }
            login.login(request, username, password)
                    .call(identity -> sessions.flush(request))
                    .subscribe().with(identity -> answer(request, config.landingPage()),
                            failure -> failed(request, failure));
        });
    }

    private void logout(RoutingContext request) {
        login.logout(request)
                .call(() -> sessions.flush(request))
                .subscribe().with(done -> answer(request, config.logoutPage()), failure -> failed(request, failure));
    }

    /**
     * Reads the posted form as it arrives; at once if a body handler has read the body already.
     */
    private static void readForm(RoutingContext request, Consumer<MultiMap> then) {
        HttpServerRequest http = request.request();
        if (http.isEnded()) {
            then.accept(http.formAttributes());
            return;
        }
        http.setExpectMultipart(true);
        http.exceptionHandler(request::fail);
        http.endHandler(ended -> then.accept(http.formAttributes()));
        // Quarkus pauses every request until a handler is ready for its body.
        http.resume();
    }

    private void failed(RoutingContext request, Throwable failure) {
        Throwable cause = RequestSession.unwrap(failure);
        if (request.response().ended()) {
            return;
        }
        if (cause instanceof AuthenticationException) {
            loginFailed(request);
        } else if (cause instanceof IllegalArgumentException || cause instanceof SessionTooLargeException) {
            // The identity providers accepted an identity the session cannot hold: no login, and no 500.
            LOG.warnf("A login was refused: its identity cannot be kept in the session (%s)", cause.getMessage());
            loginFailed(request);
        } else if (cause instanceof SessionStoreException storeDown) {
            SessionErrorAnswers.current().sendStoreUnavailable(request, storeDown);
        } else {
            request.fail(cause);
        }
    }

    private void loginFailed(RoutingContext request) {
        LOG.debugf("Form login failed at %s", request.normalizedPath());
        if (config.errorPage().isPresent()) {
            redirect(request, config.errorPage().get());
        } else {
            request.response().setStatusCode(401).end();
        }
    }

    private static void answer(RoutingContext request, Optional<String> page) {
        if (page.isPresent()) {
            redirect(request, page.get());
        } else {
            request.response().setStatusCode(204).end();
        }
    }

    private static void redirect(RoutingContext request, String page) {
        request.response().setStatusCode(302).putHeader(HttpHeaderNames.LOCATION, page).end();
    }
}
