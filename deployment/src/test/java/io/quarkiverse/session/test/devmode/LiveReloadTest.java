package io.quarkiverse.session.test.devmode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.response.Response;

/**
 * Dev mode: a live reload serves the changed code, and the developer stays logged in.
 * <p>
 * A live reload restarts the application, but in dev mode the memory store keeps its sessions across the restart: a
 * client that sends its cookie after the reload finds its session, under the same ID, as before.
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
    void memoryStoreSessionsSurviveReload() {
        Response first = given().get("/visits");
        String id = SessionCookies.issuedId(first);
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/visits").then().statusCode(200).body(equalTo("visit 2"));

        DEV.modifySourceFile(VisitResource.class, source -> source.replace("\"visit \"", "\"visit #\""));

        // The new code counts on from the session started before the reload, under the same ID.
        Response afterReload = given().cookie(SessionCookies.DEFAULT_NAME, id).get("/visits");
        afterReload.then().statusCode(200).body(equalTo("visit #3"));
        assertTrue(SessionCookies.setsNone(afterReload) || SessionCookies.issuedId(afterReload).equals(id),
                "the session keeps its ID");
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/visits").then().statusCode(200).body(equalTo("visit #4"));
    }
}
