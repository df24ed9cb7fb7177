package io.quarkiverse.session.test.ids;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.NoteResource;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With the cookie store, the ID of the application's factory travels sealed in the cookie with the rest of the
 * session, whatever its length, and is the same {@code Session.id()} on every request.
 */
class ApplicationSessionIdsCookieStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(
                    jar -> jar.addClasses(TenantSessionIds.class, RandomIds.class, IdResource.class, NoteResource.class,
                            SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "k8Jd0-2mZq7Lr5TnVb3Xw9Yc1Hf6Gs4PaUe");

    @Test
    void idOfTheApplicationFactoryTravelsSealedInTheCookie() {
        String cookie = sealed(given().post("/note/hello"));
        String id = given().cookie(SessionCookies.DEFAULT_NAME, cookie).get("/ids").then().statusCode(200).extract()
                .asString();
        assertTrue(id.startsWith(RandomIds.PREFIX), id);
        assertEquals(RandomIds.LENGTH, id.length());
        given().cookie(SessionCookies.DEFAULT_NAME, cookie).get("/ids").then().statusCode(200).body(equalTo(id));

        Response regenerated = given().cookie(SessionCookies.DEFAULT_NAME, cookie).post("/ids/regenerate");
        String newId = regenerated.then().statusCode(200).extract().asString();
        assertTrue(newId.startsWith(RandomIds.PREFIX), newId);
        assertNotEquals(id, newId);
        String newCookie = sealed(regenerated);
        given().cookie(SessionCookies.DEFAULT_NAME, newCookie).get("/ids").then().statusCode(200).body(equalTo(newId));
        given().cookie(SessionCookies.DEFAULT_NAME, newCookie).get("/note").then().statusCode(200)
                .body(equalTo("hello"));
    }

    private static String sealed(Response response) {
        response.then().statusCode(200);
        return SessionCookies.issuedValue(response, SessionCookies.DEFAULT_NAME);
    }
}
