package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code SameSite=None} is rejected by browsers without the Secure attribute: startup fails and says to turn it on.
 */
class SameSiteNoneWithoutSecureTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.cookie.same-site", "none")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.cookie.same-site=none",
                    "set quarkus.session.cookie.secure=true"));

    @Test
    void startupFailsAskingForSecureCookie() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
