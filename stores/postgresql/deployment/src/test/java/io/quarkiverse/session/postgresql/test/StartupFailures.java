package io.quarkiverse.session.postgresql.test;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.Consumer;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Checks that an application failed to start with a {@link ConfigurationException} whose message holds the given
 * texts: the property at fault and what to set.
 */
final class StartupFailures {

    private StartupFailures() {
    }

    static Consumer<Throwable> configurationException(String... texts) {
        return failure -> {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                // By name: the exception comes from the application's class loader.
                if (cause.getClass().getName().equals(ConfigurationException.class.getName())
                        && List.of(texts).stream().allMatch(cause.getMessage()::contains)) {
                    return;
                }
            }
            fail("No ConfigurationException saying " + List.of(texts), failure);
        };
    }
}
