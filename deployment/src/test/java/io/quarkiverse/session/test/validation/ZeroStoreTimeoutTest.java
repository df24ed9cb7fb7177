package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A zero store timeout would fail every store call: startup fails and asks for a positive duration.
 */
class ZeroStoreTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store-timeout", "0S")
            .assertException(
                    StartupFailure.withMessageContaining("quarkus.session.store-timeout", "positive duration"));

    @Test
    void startupFailsAskingForPositiveStoreTimeout() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
