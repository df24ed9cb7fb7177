package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The login is read from the session before the request is routed and its body read: an ID in a form field or a path
 * parameter cannot be seen then, so startup refuses them, naming both properties.
 */
class SessionSecurityWithFormIdSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.security.enabled", "true")
            .overrideConfigKey("quarkus.session.id-sources", "cookie,form:sid")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.security.enabled",
                    "quarkus.session.id-sources", "[form]", "Remove"));

    @Test
    void startupFailsNamingBothProperties() {
        Assertions.fail("The application must not start");
    }
}
