package io.quarkiverse.session.test.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.NoteResource;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application that contains exactly one store extension uses it without configuration.
 */
class StoreExtensionIsDefaultTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NoteResource.class, SessionCookies.class, StoreResource.class,
                    TestStoreExtension.class, ForwardingSessionStore.class))
            .addBuildChainCustomizer(TestStoreExtension.contributingTheTestStore())
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void theOneStoreExtensionIsTheDefaultStore() {
        given().get("/store").then().statusCode(200).body(equalTo("TestStore"));
    }

    @Test
    void sessionsWorkOnTheExtensionsStore() {
        String id = SessionCookies.issuedId(given().post("/note/kept"));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("kept"));
    }
}
