package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A cookie-store secret that repeats a phrase until it is long enough is refused, even as the second secret.
 */
class RepeatingCookieSecretTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret",
                    "a-long-enough-secret-for-the-cookie-store," + "my-secret-key-".repeat(3))
            .assertException(StartupFailure.withMessageContaining("quarkus.session.secret", "repeated",
                    "openssl rand"));

    @Test
    void startupFailsAskingForARandomSecret() {
        Assertions.fail("The application must not start");
    }
}
