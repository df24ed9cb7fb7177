package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A cookie-store secret long enough but made of one repeated character is refused: its length says nothing about how
 * hard it is to guess.
 */
class LowDiversityCookieSecretTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "x".repeat(48))
            .assertException(StartupFailure.withMessageContaining("quarkus.session.secret", "distinct bytes",
                    "openssl rand"));

    @Test
    void startupFailsAskingForARandomSecret() {
        Assertions.fail("The application must not start");
    }
}
