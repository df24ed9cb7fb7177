package io.quarkiverse.session.test.devmode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.response.Response;

/**
 * Dev mode: a live reload serves the changed code, and sessions keep working.
 * <p>
 * A live reload restarts the application, and the built-in memory store is created again with it: sessions started
 * before the reload are gone. A client that sends their cookie is treated as a new visitor and gets a new session
 * with a new ID; the old ID is never adopted.
 */
class LiveReloadTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(VisitResource.class));

    @Test
    void changedEndpointIsServedWithWorkingSessionsAfterReload() {
        given().get("/visits").then().statusCode(200).body(equalTo("visit 1"));

        DEV.modifySourceFile(VisitResource.class, source -> source.replace("\"visit \"", "\"visit number \""));

        Response first = given().get("/visits");
        first.then().statusCode(200).body(equalTo("visit number 1"));
        String id = SessionCookies.issuedId(first);
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/visits").then().statusCode(200)
                .body(equalTo("visit number 2"));
    }

    @Test
    void sessionsFromBeforeReloadAreGoneAfterIt() {
        Response first = given().get("/visits");
        String id = SessionCookies.issuedId(first);
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/visits").then().statusCode(200).body(equalTo("visit 2"));

        DEV.modifySourceFile(VisitResource.class, source -> source.replace("\"visit \"", "\"visit #\""));

        // The memory store was recreated by the reload: the old cookie finds nothing, the count starts again under a
        // new ID, and that new session works as usual.
        Response afterReload = given().cookie(SessionCookies.DEFAULT_NAME, id).get("/visits");
        afterReload.then().statusCode(200).body(equalTo("visit #1"));
        String newId = SessionCookies.issuedId(afterReload);
        assertNotEquals(id, newId, "the unknown ID is not adopted");
        Response next = given().cookie(SessionCookies.DEFAULT_NAME, newId).get("/visits");
        next.then().statusCode(200).body(equalTo("visit #2"));
        // The client's cookie is still good: if it is sent again at all, it carries the same ID.
        SessionCookies.header(next, SessionCookies.DEFAULT_NAME).ifPresent(
                header -> assertTrue(header.startsWith(SessionCookies.DEFAULT_NAME + "=" + newId + ";"), header));
    }
}
