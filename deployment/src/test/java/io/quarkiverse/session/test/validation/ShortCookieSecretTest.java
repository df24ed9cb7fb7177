package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A cookie-store secret shorter than 32 bytes is refused in every mode: a weak key is never better than none.
 */
class ShortCookieSecretTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-cookie-store,too-short")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.secret", "at least 32 bytes",
                    "openssl rand"));

    @Test
    void startupFailsAskingForALongerSecret() {
        Assertions.fail("The application must not start");
    }
}
