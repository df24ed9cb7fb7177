package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A filesystem-store directory that cannot be created is a misconfiguration, not an outage: startup fails naming the
 * property, rather than every write answering 503 later.
 */
class UnwritableFilesystemPathTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path", "/proc/nope")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.filesystem.path", "/proc/nope"));

    @Test
    void startupFailsNamingTheDirectoryProperty() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
