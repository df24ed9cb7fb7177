package io.quarkiverse.session.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.session.SessionIdSource;
import io.quarkiverse.session.runtime.config.SessionConfig.CookieConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code quarkus.session.id-sources}: what the notation accepts, and that everything else fails with the property, the
 * entry and the accepted notation.
 */
class IdSourceNotationTest {

    private static final CookieConfig COOKIE = new TestCookieConfig("session_id", false);

    @Test
    void withoutThePropertyTheCookieIsTheOnlySource() {
        IdSourceChain chain = IdSourceNotation.parse(Optional.empty(), COOKIE, List.of());
        assertTrue(chain.readOnlySources().isEmpty());
        assertTrue(chain.expiresAtClient());
    }

    @Test
    void everyBuiltInSourceAndAnApplicationSourceInOneChain() {
        IdSourceChain chain = IdSourceNotation.parse(Optional.of(List.of("cookie:sid", " header:X-Session-ID ",
                "query:session_id", "form:session_id", "param:id", "bearer")), COOKIE, List.of(new Named("bearer")));
        assertEquals(List.of("query", "form", "param", "bearer"), chain.readOnlySources());
    }

    @ParameterizedTest
    @ValueSource(strings = { "header", "query", "header:", "nonsense:x", "cookie:bad name", "header:X Session",
            "query:a/b", "bearer", "cookie,cookie:other", "header:A,header:B", "query:a,query:a", ":x" })
    void anythingElseFailsWithTheNotation(String property) {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> IdSourceNotation.parse(Optional.of(List.of(property.split(","))), COOKIE, List.of()));
        assertTrue(failure.getMessage().startsWith("Invalid quarkus.session.id-sources: "), failure.getMessage());
        assertEquals(java.util.Set.of("quarkus.session.id-sources"), failure.getConfigKeys());
    }

    @Test
    void anUnknownNameListsTheApplicationSources() {
        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> IdSourceNotation
                .parse(Optional.of(List.of("berer")), COOKIE, List.of(new Named("bearer"))));
        assertTrue(failure.getMessage().contains("'berer' is not a session ID source")
                && failure.getMessage().contains("[bearer]"), failure.getMessage());
    }

    @Test
    void applicationSourcesMustHaveUsableDistinctNames() {
        assertThrows(ConfigurationException.class,
                () -> IdSourceNotation.parse(Optional.empty(), COOKIE, List.of(new Named("header"))));
        assertThrows(ConfigurationException.class,
                () -> IdSourceNotation.parse(Optional.empty(), COOKIE, List.of(new Named("has space"))));
        assertThrows(ConfigurationException.class,
                () -> IdSourceNotation.parse(Optional.empty(), COOKIE, List.of(new Named("a"), new Named("a"))));
    }

    @Test
    void aHostPrefixedCookieNameNeedsTheSecureAttribute() {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> IdSourceNotation.parse(Optional.of(List.of("cookie:__Host-sid")), COOKIE, List.of()));
        assertTrue(failure.getMessage().contains("quarkus.session.cookie.secure"), failure.getMessage());
        IdSourceNotation.parse(Optional.of(List.of("cookie:__Host-sid")), new TestCookieConfig("session_id", true),
                List.of());
    }

    private record Named(String name) implements SessionIdSource {

        @Override
        public String read(RoutingContext request) {
            return null;
        }
    }

    private record TestCookieConfig(String name, boolean secure) implements CookieConfig {

        @Override
        public boolean httpOnly() {
            return true;
        }

        @Override
        public SameSite sameSite() {
            return SameSite.LAX;
        }

        @Override
        public String path() {
            return "/";
        }

        @Override
        public Optional<String> domain() {
            return Optional.empty();
        }

        @Override
        public boolean sessionOnly() {
            return false;
        }
    }
}
