package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The cookie store keeps the whole session in the ID's value: a read-only source could never carry a change back, so
 * startup fails, naming the source and the stores that can use it.
 */
class CookieStoreReadOnlySourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-read-only-source-test")
            .overrideConfigKey("quarkus.session.id-sources", "cookie,query:sid")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.id-sources", "cookie store",
                    "[query]", "write back"));

    @Test
    void startupFailsNamingTheReadOnlySource() {
        Assertions.fail("The application must not start");
    }
}
