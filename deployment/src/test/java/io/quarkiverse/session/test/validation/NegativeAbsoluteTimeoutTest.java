package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A negative absolute timeout is meaningless: startup fails and says the duration must be positive.
 */
class NegativeAbsoluteTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.absolute-timeout", "-1S")
            .assertException(
                    StartupFailure.withMessageContaining("quarkus.session.absolute-timeout", "must be a positive duration"));

    @Test
    void startupFailsAskingForPositiveAbsoluteTimeout() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
