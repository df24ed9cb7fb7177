package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An unknown store name fails startup with the list of the stores the application contains.
 */
class UnknownStoreListsStoresTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "mongo")
            .assertException(StartupFailure.withMessageContaining("quarkus.session.store", "'mongo'",
                    "cookie, filesystem, memory"));

    @Test
    void startupFailsListingTheStores() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
