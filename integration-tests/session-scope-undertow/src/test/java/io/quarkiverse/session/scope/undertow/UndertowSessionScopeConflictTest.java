package io.quarkiverse.session.scope.undertow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.SessionScoped;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With Undertow, whose servlet session already gives {@code @SessionScoped} its meaning, an application that declares a
 * {@code @SessionScoped} bean fails the build, naming the property that leaves the scope to the servlet session.
 */
class UndertowSessionScopeConflictTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Preferences.class))
            .assertException(failure -> {
                Throwable cause = failure;
                while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                assertTrue(cause instanceof ConfigurationException, "a configuration error: " + failure);
                assertTrue(cause.getMessage().contains("quarkus.session.scoped-beans.enabled=false"), cause.getMessage());
                assertTrue(cause.getMessage().contains("Undertow"), cause.getMessage());
            });

    @Test
    void buildFails() {
        // The assertion is in assertException.
    }

    @SessionScoped
    public static class Preferences {
    }
}
