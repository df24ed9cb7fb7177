package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Selecting a store that lives in an extension of its own, without that extension, names the artifact to add.
 */
class MissingPostgresqlExtensionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "postgresql")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.store",
                    "io.quarkiverse.session:quarkus-session-postgresql"));

    @Test
    void startupFailsNamingTheArtifactToAdd() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
