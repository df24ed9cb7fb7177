package io.quarkiverse.session.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.config.SessionConfig.CookieConfig;
import io.quarkiverse.session.runtime.http.SessionFilter;
import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.runtime.lifecycle.SessionUsers;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionStore;
import io.quarkiverse.session.runtime.store.filesystem.FilesystemSessionStore;
import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class SessionRecorder {

    private static final Logger LOG = Logger.getLogger(SessionRecorder.class);

    private final RuntimeValue<SessionConfig> config;

    public SessionRecorder(RuntimeValue<SessionConfig> config) {
        this.config = config;
    }

    public void validateConfig() {
        SessionConfigValidator.validate(config.getValue());
    }

    public Handler<RoutingContext> sessionFilter() {
        return new SessionFilter();
    }

    public void setSessionUsers(Set<String> beanClasses) {
        SessionUsers.set(beanClasses);
    }

    public Supplier<SessionStore> builtInStore() {
        return () -> switch (config.getValue().store()) {
            case MEMORY -> new MemorySessionStore(config.getValue().memory().maxSessions());
            case FILESYSTEM -> new FilesystemSessionStore(config.getValue().filesystem().path());
            case COOKIE -> new CookieSessionStore(new CookieSessionCodec(cookieSecrets(), config.getValue().cookie().name()));
        };
    }

    /**
     * The configured secrets; in dev and test mode, a random one when none is set, so that trying the cookie store
     * needs no setup (validation has already failed startup in production).
     */
    private List<String> cookieSecrets() {
        Optional<List<String>> secrets = config.getValue().secret();
        if (secrets.isPresent() && !secrets.get().isEmpty()) {
            return secrets.get();
        }
        LOG.warn("quarkus.session.secret is not set: the cookie store uses a random secret generated at startup, so "
                + "cookie sessions end when the application restarts. Set quarkus.session.secret before production.");
        byte[] random = new byte[32];
        SessionIdGenerator.randomBytes(random);
        return List.of(Base64.getEncoder().encodeToString(random));
    }

    /**
     * Deletes expired sessions periodically, on a worker thread: sweeping the memory store scans every session.
     */
    public void startExpirySweeper(Supplier<Vertx> vertxSupplier, ShutdownContext shutdown) {
        Vertx vertx = vertxSupplier.get();
        long intervalMillis = config.getValue().sweepInterval().toMillis();
        long timer = vertx.setPeriodic(intervalMillis, intervalMillis, ignored -> vertx.executeBlocking(() -> {
            SessionStore store = Arc.container().instance(SessionStore.class).get();
            return store.expire(Instant.now()).await().atMost(Duration.ofMillis(intervalMillis));
        }, false).onFailure(failure -> LOG.warnf(failure, "Failed to delete expired sessions")));
        shutdown.addShutdownTask(() -> vertx.cancelTimer(timer));
    }

    static final class SessionConfigValidator {

        private static final int MIN_SECRET_BYTES = 32;

        private SessionConfigValidator() {
        }

        static void validate(SessionConfig config) {
            requirePositive("quarkus.session.idle-timeout", config.idleTimeout());
            config.absoluteTimeout().ifPresent(timeout -> requirePositive("quarkus.session.absolute-timeout", timeout));
            if (config.sweepInterval().toMillis() < 1) {
                fail("quarkus.session.sweep-interval", "it must be at least 1 millisecond, got " + config.sweepInterval());
            }
            if (config.memory().maxSessions() < 1) {
                throw new ConfigurationException("quarkus.session.memory.max-sessions must be at least 1, got "
                        + config.memory().maxSessions() + ": set it to the number of sessions this instance may hold",
                        Set.of("quarkus.session.memory.max-sessions"));
            }
            validateCookie(config.cookie());
            if (config.store() == SessionConfig.StoreKind.COOKIE) {
                validateSecrets(config.secret(), LaunchMode.current());
            }
        }

        private static void validateSecrets(Optional<List<String>> secrets, LaunchMode mode) {
            if ((secrets.isEmpty() || secrets.get().isEmpty()) && mode == LaunchMode.NORMAL) {
                fail("quarkus.session.secret", "the cookie store encrypts sessions with a key derived from this secret, "
                        + "and none is set: set quarkus.session.secret (or QUARKUS_SESSION_SECRET) to a random string of "
                        + "at least 32 bytes, for example the output of 'openssl rand -base64 48'");
            }
            for (String secret : secrets.orElse(List.of())) {
                int length = secret.getBytes(StandardCharsets.UTF_8).length;
                if (length < MIN_SECRET_BYTES) {
                    fail("quarkus.session.secret", "each secret must be at least " + MIN_SECRET_BYTES + " bytes long, "
                            + "one is " + length + " bytes: use a random string, for example the output of "
                            + "'openssl rand -base64 48'");
                }
            }
        }

        private static void validateCookie(CookieConfig cookie) {
            String name = cookie.name();
            if (name.isEmpty() || !name.chars().allMatch(SessionConfigValidator::isCookieNameChar)) {
                fail("quarkus.session.cookie.name", "'" + name + "' is not a valid cookie name: use letters, digits and "
                        + "!#$%&'*+-.^_`|~ only");
            }
            if (!cookie.path().startsWith("/") || cookie.path().chars().anyMatch(c -> c == ';' || c < 0x21 || c > 0x7e)) {
                fail("quarkus.session.cookie.path", "'" + cookie.path() + "' is not a valid cookie path: it must start "
                        + "with / and contain no ';', space or control characters");
            }
            cookie.domain().ifPresent(domain -> {
                if (domain.isEmpty() || domain.chars().anyMatch(c -> c == ';' || c < 0x21 || c > 0x7e)) {
                    fail("quarkus.session.cookie.domain", "'" + domain + "' is not a valid cookie domain");
                }
            });
            // Browsers match the prefixes case-insensitively (RFC 6265bis), so must we.
            if (name.regionMatches(true, 0, "__Host-", 0, 7)) {
                if (!cookie.secure()) {
                    fail("quarkus.session.cookie.secure", "the cookie name '" + name + "' starts with __Host-, which "
                            + "browsers only accept with the Secure attribute: set quarkus.session.cookie.secure=true");
                }
                if (cookie.domain().isPresent()) {
                    fail("quarkus.session.cookie.domain", "the cookie name '" + name + "' starts with __Host-, which "
                            + "browsers reject with a Domain attribute: remove quarkus.session.cookie.domain");
                }
                if (!"/".equals(cookie.path())) {
                    fail("quarkus.session.cookie.path", "the cookie name '" + name + "' starts with __Host-, which "
                            + "browsers only accept with Path=/: set quarkus.session.cookie.path=/");
                }
            }
            if (name.regionMatches(true, 0, "__Secure-", 0, 9) && !cookie.secure()) {
                fail("quarkus.session.cookie.secure", "the cookie name '" + name + "' starts with __Secure-, which "
                        + "browsers only accept with the Secure attribute: set quarkus.session.cookie.secure=true");
            }
            if (cookie.sameSite() == CookieConfig.SameSite.NONE && !cookie.secure()) {
                fail("quarkus.session.cookie.secure", "quarkus.session.cookie.same-site=none is only accepted by "
                        + "browsers with the Secure attribute: set quarkus.session.cookie.secure=true");
            }
        }

        private static boolean isCookieNameChar(int c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }

        private static void requirePositive(String property, Duration value) {
            if (value.isZero() || value.isNegative()) {
                fail(property, "it must be a positive duration, got " + value);
            }
        }

        private static void fail(String property, String reason) {
            throw new ConfigurationException("Invalid " + property + ": " + reason, Set.of(property));
        }
    }
}
