package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code __Secure-} cookie is dropped by browsers without the Secure attribute: startup fails and says to turn it on.
 */
class SecurePrefixWithoutSecureTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.cookie.name", "__Secure-session")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.cookie.secure", "__Secure-",
                    "set quarkus.session.cookie.secure=true"));

    @Test
    void startupFailsAskingForSecureCookie() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
