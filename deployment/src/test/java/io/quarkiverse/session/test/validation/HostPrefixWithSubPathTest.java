package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code __Host-} cookie is dropped by browsers unless its path is {@code /}: startup fails and says to set it.
 */
class HostPrefixWithSubPathTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.cookie.name", "__Host-session")
            .overrideConfigKey("quarkus.session.cookie.secure", "true")
            .overrideConfigKey("quarkus.session.cookie.path", "/shop")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.cookie.path", "__Host-",
                    "set quarkus.session.cookie.path=/"));

    @Test
    void startupFailsAskingForRootPath() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
