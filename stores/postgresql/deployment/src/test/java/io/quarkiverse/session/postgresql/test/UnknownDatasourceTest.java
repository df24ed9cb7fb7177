package io.quarkiverse.session.postgresql.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code quarkus.session.postgresql.datasource} that names no configured datasource fails startup, naming the
 * property and what to set.
 */
class UnknownDatasourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NotesResource.class, StartupFailures.class))
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.session.postgresql.datasource", "nowhere")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(StartupFailures.configurationException("quarkus.session.postgresql.datasource=nowhere",
                    "set quarkus.datasource.\"nowhere\".reactive.url"));

    @Test
    void startupFails() {
        fail("The application started with a datasource that is not configured");
    }
}
