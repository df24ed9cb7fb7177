package io.quarkiverse.session.test.ids;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.CountingSessionStore;
import io.quarkiverse.session.test.NoteResource;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Without an application factory, clients may send exactly the extension's IDs, as before factories existed: 32
 * characters are looked up, an ID of another shape, an application's for example, never reaches the store.
 */
class BuiltInSessionIdsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CountingSessionStore.class, NoteResource.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    CountingSessionStore store;

    @Test
    void idOfTheBuiltInShapeIsLookedUp() {
        String id = SessionCookies.issuedId(given().post("/note/kept"));
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200);
        assertEquals(1, store.loads());
    }

    @Test
    void idOfAnotherShapeNeverReachesTheStore() {
        for (String id : new String[] { RandomIds.PREFIX + "A".repeat(32), "A".repeat(31), "A".repeat(33),
                "0123456789abcdef0123456789abcdef0" }) {
            store.resetCounts();
            given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(204);
            assertEquals(0, store.loads(), id.length() + " characters");
        }
    }
}
