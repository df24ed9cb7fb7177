package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A zero max-size would refuse every put: startup fails and names the range.
 */
class ZeroMaxSizeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.max-size", "0")
            .assertException(
                    StartupFailure.withMessageContaining("quarkus.session.max-size", "between 1 byte and 1G"));

    @Test
    void startupFailsNamingTheRangeOfMaxSize() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
