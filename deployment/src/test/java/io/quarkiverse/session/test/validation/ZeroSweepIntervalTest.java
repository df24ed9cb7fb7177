package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A zero sweep interval would sweep continuously: startup fails and says it must be at least 1 millisecond.
 */
class ZeroSweepIntervalTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.sweep-interval", "0S")
            .assertException(
                    StartupFailure.withMessageContaining("quarkus.session.sweep-interval", "at least 1 millisecond"));

    @Test
    void startupFailsAskingForPositiveSweepInterval() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
