package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The cookie store keeps the login in the browser, where no logout or revocation reaches it: the server-side login
 * refuses it at startup, naming both properties and the way out.
 */
class SessionSecurityWithCookieStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.security.enabled", "true")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-security-with-cookie-test")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.security.enabled",
                    "quarkus.session.store", "cookie store", "Choose another store"));

    @Test
    void startupFailsNamingBothProperties() {
        Assertions.fail("The application must not start");
    }
}
