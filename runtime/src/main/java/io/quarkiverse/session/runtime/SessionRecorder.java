package io.quarkiverse.session.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.SessionConfig.CookieConfig;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.arc.Arc;
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
        };
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
