package io.quarkiverse.session.test.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.session.store} chooses a built-in store even when a store extension is present.
 */
class BuiltInStoreChosenOverExtensionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StoreResource.class, TestStoreExtension.class,
                    ForwardingSessionStore.class))
            .addBuildChainCustomizer(TestStoreExtension.contributingTheTestStore())
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "memory");

    @Test
    void theConfiguredStoreIsUsed() {
        given().get("/store").then().statusCode(200).body(equalTo("MemorySessionStore"));
    }
}
