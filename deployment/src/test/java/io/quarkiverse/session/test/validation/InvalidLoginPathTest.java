package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A login page that is not a path of the application (here a URL of another host, an open redirect) fails startup,
 * naming the property.
 */
class InvalidLoginPathTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.security.enabled", "true")
            .overrideConfigKey("quarkus.session.security.login-page", "//elsewhere.example/login")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.security.login-page",
                    "//elsewhere.example/login", "must start with a single /"));

    @Test
    void startupFailsNamingTheProperty() {
        Assertions.fail("The application must not start");
    }
}
