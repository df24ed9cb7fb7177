package io.quarkiverse.session.postgresql.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The default datasource with no URL (and no Dev Services) fails startup, naming the URL property to set.
 */
class DatasourceWithoutUrlTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NotesResource.class, StartupFailures.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(StartupFailures.configurationException("the default datasource",
                    "set quarkus.datasource.reactive.url", "quarkus.session.postgresql.datasource"));

    @Test
    void startupFails() {
        fail("The application started without a datasource URL");
    }
}
