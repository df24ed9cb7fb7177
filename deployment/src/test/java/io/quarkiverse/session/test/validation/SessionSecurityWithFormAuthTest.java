package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Quarkus' form authentication and the server-side login would both answer the form posted to j_security_check: the
 * build refuses the pair, naming both properties.
 */
class SessionSecurityWithFormAuthTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.security.enabled", "true")
            .overrideConfigKey("quarkus.http.auth.form.enabled", "true")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.security.enabled=true",
                    "quarkus.http.auth.form.enabled=true", "keep one"));

    @Test
    void buildFailsNamingBothProperties() {
        Assertions.fail("The application must not build");
    }
}
