package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An unknown store kind is rejected by the configuration itself, naming the property and the value.
 */
class UnknownStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "nonsense")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.store", "nonsense"));

    @Test
    void startupFailsNamingTheStoreProperty() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
