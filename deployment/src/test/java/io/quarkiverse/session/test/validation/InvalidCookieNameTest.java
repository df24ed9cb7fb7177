package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A cookie name with a space cannot be sent in a header: startup fails and lists the allowed characters.
 */
class InvalidCookieNameTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.cookie.name", "bad name")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.cookie.name",
                    "'bad name' is not a valid cookie name", "use letters, digits"));

    @Test
    void startupFailsListingAllowedCharacters() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
