package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A memory store that may hold no session is useless: startup fails and says the minimum.
 */
class ZeroMaxSessionsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.memory.max-sessions", "0")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.memory.max-sessions", "must be at least 1"));

    @Test
    void startupFailsAskingForAtLeastOneSession() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
