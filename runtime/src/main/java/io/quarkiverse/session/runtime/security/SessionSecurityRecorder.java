package io.quarkiverse.session.runtime.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.session.runtime.config.SecurityConfig;
import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.http.IdSourceChain;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Checks at startup what the build cannot: the store, chosen at run time, and the login's run-time settings.
 */
@Recorder
public class SessionSecurityRecorder {

    private static final String ENABLED = "quarkus.session.security.enabled";
    private static final String PREFIX = "quarkus.session.security.";
    private static final String ID_SOURCES = "quarkus.session.id-sources";

    private final RuntimeValue<SessionConfig> config;

    public SessionSecurityRecorder(RuntimeValue<SessionConfig> config) {
        this.config = config;
    }

    /**
     * Checks the sessions the login is kept in. The cookie store keeps the session, and so the login, in the browser: a logout
     * could only ask the browser to
     * forget it, and a copied cookie would stay logged in, which is what this login exists to prevent.
     */
    public void checkSessions(BeanContainer container) {
        SessionLifecycle lifecycle = container.beanInstance(SessionLifecycle.class);
        if (!lifecycle.storesSessionsOnServer()) {
            throw new ConfigurationException(ENABLED + "=true needs a store that keeps sessions on the server, but "
                    + "quarkus.session.store selects the " + lifecycle.storeName() + " store, which keeps them in the "
                    + "client's cookie: a logout could not end a copied cookie. Choose another store with "
                    + "quarkus.session.store (memory, filesystem, or a store extension's), or use Quarkus' form "
                    + "authentication (quarkus.http.auth.form.enabled) instead of " + ENABLED,
                    Set.of(ENABLED, "quarkus.session.store"));
        }
        checkIdSources(lifecycle.idSources());
    }

    /**
     * The login is read from the session when the request is authenticated, before routing and before the body is
     * read, and the new ID of a login must reach the client.
     */
    private static void checkIdSources(IdSourceChain sources) {
        List<String> unreadable = sources.readOnlySources().stream()
                .filter(source -> source.equals("form") || source.equals("param")).toList();
        if (!unreadable.isEmpty()) {
            throw new ConfigurationException(ENABLED + "=true authenticates a request from its session before the "
                    + "request is routed and its body read, so " + ID_SOURCES + " cannot hold " + unreadable
                    + ": the session ID of a login must come from a cookie, a header or a query parameter. Remove "
                    + unreadable + " from " + ID_SOURCES, Set.of(ENABLED, ID_SOURCES));
        }
        if (sources.isReadOnly()) {
            throw new ConfigurationException(ENABLED + "=true gives the session a new ID at login, which must reach "
                    + "the client, but no source of " + ID_SOURCES + " writes back: add cookie or header:NAME",
                    Set.of(ENABLED, ID_SOURCES));
        }
    }

    public void checkConfig() {
        SecurityConfig security = config.getValue().security();
        requirePath("login-path", Optional.of(security.loginPath()));
        requirePath("logout-path", security.logoutPath());
        requirePath("landing-page", security.landingPage());
        requirePath("error-page", security.errorPage());
        requirePath("login-page", security.loginPage());
        requirePath("logout-page", security.logoutPage());
        requireName("username-parameter", security.usernameParameter());
        requireName("password-parameter", security.passwordParameter());
        if (security.usernameParameter().equals(security.passwordParameter())) {
            fail("password-parameter", "it must differ from " + PREFIX + "username-parameter");
        }
        if (security.logoutPath().filter(security.loginPath()::equals).isPresent()) {
            fail("logout-path", "it must differ from " + PREFIX + "login-path");
        }
    }

    private static void requirePath(String property, Optional<String> path) {
        if (path.isPresent() && (!path.get().startsWith("/") || path.get().startsWith("//")
                || path.get().chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            fail(property, "'" + path.get() + "' is not a path of this application: it must start with a single / "
                    + "and contain no spaces or control characters");
        }
    }

    private static void requireName(String property, String name) {
        if (name.isBlank()) {
            fail(property, "it must name a form field");
        }
    }

    private static void fail(String property, String reason) {
        throw new ConfigurationException("Invalid " + PREFIX + property + ": " + reason, Set.of(PREFIX + property));
    }
}
