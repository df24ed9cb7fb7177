package io.quarkiverse.session.scope.websockets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Checks that a build failed with a {@link ConfigurationException} whose message names what it must.
 */
final class ConfigurationErrors {

    private ConfigurationErrors() {
    }

    static Consumer<Throwable> naming(String... parts) {
        return failure -> {
            Throwable cause = failure;
            while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof ConfigurationException, "a configuration error: " + failure);
            for (String part : parts) {
                assertTrue(cause.getMessage().contains(part), "names " + part + ": " + cause.getMessage());
            }
        };
    }
}
