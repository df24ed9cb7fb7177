package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A zero idle timeout would expire every session at once: startup fails and says the duration must be positive.
 */
class ZeroIdleTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.idle-timeout", "0S")
            .assertException(
                    StartupFailure.withMessageContaining("quarkus.session.idle-timeout", "must be a positive duration"));

    @Test
    void startupFailsAskingForPositiveIdleTimeout() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
