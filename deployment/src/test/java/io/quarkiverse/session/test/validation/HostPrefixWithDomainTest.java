package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code __Host-} cookie is dropped by browsers with a Domain attribute: startup fails and says to remove it.
 */
class HostPrefixWithDomainTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.cookie.name", "__Host-session")
            .overrideConfigKey("quarkus.session.cookie.secure", "true")
            .overrideConfigKey("quarkus.session.cookie.domain", "example.com")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.cookie.domain", "__Host-",
                    "remove quarkus.session.cookie.domain"));

    @Test
    void startupFailsAskingToRemoveTheDomain() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
