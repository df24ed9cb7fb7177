package io.quarkiverse.session.runtime.config;

import java.time.Duration;
import java.util.Set;

import io.quarkiverse.session.runtime.config.SessionConfig.CookieConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Checks the settings every store shares at startup, so that a misconfiguration fails naming the property and the
 * fix. Each store checks its own settings when it is created.
 */
public final class SessionConfigValidator {

    /** The largest {@code quarkus.session.max-size}: a session's values, with room to merge, must fit in an array. */
    private static final long MAX_SESSION_BYTES = 1L << 30;

    private SessionConfigValidator() {
    }

    public static void validate(SessionConfig config) {
        requirePositive("quarkus.session.idle-timeout", config.idleTimeout());
        config.absoluteTimeout().ifPresent(timeout -> requirePositive("quarkus.session.absolute-timeout", timeout));
        if (config.sweepInterval().toMillis() < 1) {
            fail("quarkus.session.sweep-interval", "it must be at least 1 millisecond, got " + config.sweepInterval());
        }
        requirePositive("quarkus.session.store-timeout", config.storeTimeout());
        long maxSize = config.maxSize().asLongValue();
        if (maxSize < 1 || maxSize > MAX_SESSION_BYTES) {
            fail("quarkus.session.max-size", "it must be between 1 byte and 1G, got " + maxSize + " bytes");
        }
        validateCookie(config.cookie());
    }

    private static void validateCookie(CookieConfig cookie) {
        validateCookieName(cookie.name(), cookie, "quarkus.session.cookie.name");
        if (!cookie.path().startsWith("/") || cookie.path().chars().anyMatch(c -> c == ';' || c < 0x21 || c > 0x7e)) {
            fail("quarkus.session.cookie.path", "'" + cookie.path() + "' is not a valid cookie path: it must start "
                    + "with / and contain no ';', space or control characters");
        }
        cookie.domain().ifPresent(domain -> {
            if (domain.isEmpty() || domain.chars().anyMatch(c -> c == ';' || c < 0x21 || c > 0x7e)) {
                fail("quarkus.session.cookie.domain", "'" + domain + "' is not a valid cookie domain");
            }
        });
        if (cookie.sameSite() == CookieConfig.SameSite.NONE && !cookie.secure()) {
            fail("quarkus.session.cookie.secure", "quarkus.session.cookie.same-site=none is only accepted by "
                    + "browsers with the Secure attribute: set quarkus.session.cookie.secure=true");
        }
    }

    /**
     * Checks a session cookie's name, and the attributes its prefix requires, for the cookie of
     * {@code quarkus.session.cookie.*} or one that {@code quarkus.session.id-sources} names.
     *
     * @param property where the name was configured
     */
    public static void validateCookieName(String name, CookieConfig cookie, String property) {
        if (name.isEmpty() || !name.chars().allMatch(SessionConfigValidator::isCookieNameChar)) {
            fail(property, "'" + name + "' is not a valid cookie name: use letters, digits and "
                    + "!#$%&'*+-.^_`|~ only");
        }
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

    public static void fail(String property, String reason) {
        throw new ConfigurationException("Invalid " + property + ": " + reason, Set.of(property));
    }
}
