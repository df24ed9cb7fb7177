package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A source without its name fails startup with the accepted notation.
 */
class MalformedIdSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.id-sources", "cookie,header")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.id-sources", "'header'",
                    "cookie:NAME, header:NAME, query:NAME, form:NAME, param:NAME"));

    @Test
    void startupFailsShowingTheNotation() {
        Assertions.fail("The application must not start");
    }
}
