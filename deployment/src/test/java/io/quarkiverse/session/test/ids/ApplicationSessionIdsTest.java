package io.quarkiverse.session.test.ids;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.NoteResource;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * An application's {@link io.quarkiverse.session.SessionIdFactory} bean makes the ID of every new session, in place of
 * the extension's, and its IDs are accepted back: they load their session, and a regeneration gets a new one of them.
 */
class ApplicationSessionIdsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(
                    jar -> jar.addClasses(TenantSessionIds.class, RandomIds.class, IdResource.class, NoteResource.class,
                            SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    TenantSessionIds factory;

    @Test
    void newSessionGetsAnIdOfTheApplicationFactory() {
        int callsBefore = factory.calls();
        String id = newSession("hello");
        assertTrue(id.startsWith(RandomIds.PREFIX), id);
        assertEquals(RandomIds.LENGTH, id.length());
        assertEquals(callsBefore + 1, factory.calls(), "one ID made for one new session");
    }

    @Test
    void idOfTheApplicationFactoryComesBackAndLoadsTheSession() {
        String id = newSession("kept");
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("kept"));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/ids").then().statusCode(200).body(equalTo(id));
    }

    @Test
    void regenerationGetsANewIdOfTheApplicationFactory() {
        String id = newSession("moved");
        Response regenerated = given().cookie(SessionCookies.DEFAULT_NAME, id).post("/ids/regenerate");
        regenerated.then().statusCode(200);
        String newId = SessionCookies.issuedValue(regenerated, SessionCookies.DEFAULT_NAME);
        assertTrue(newId.startsWith(RandomIds.PREFIX), newId);
        assertNotEquals(id, newId);
        assertEquals(newId, regenerated.asString(), "Session.id() is the new ID");
        given().cookie(SessionCookies.DEFAULT_NAME, newId).get("/note").then().statusCode(200).body(equalTo("moved"));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(204);
    }

    private static String newSession(String note) {
        Response response = given().post("/note/" + note);
        response.then().statusCode(200);
        return SessionCookies.issuedValue(response, SessionCookies.DEFAULT_NAME);
    }
}
