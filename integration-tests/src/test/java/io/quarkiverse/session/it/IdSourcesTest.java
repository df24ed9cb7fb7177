package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The demo shop with the chain {@code cookie,header:X-Session-ID,query:session_id,form:session_id}: an API client keeps
 * its session in the header, a link carries it in the query, the login form in a field; the hostile corpus of the
 * cookie, sent in the header, the query and the form, is no session every time.
 */
@QuarkusTest
@TestProfile(IdSourcesProfile.class)
class IdSourcesTest {

    private static final String HEADER = IdSourcesProfile.HEADER;
    private static final String PARAMETER = IdSourcesProfile.PARAMETER;

    @Test
    void anApiClientKeepsItsSessionInTheHeader() {
        Response first = given().get("/visits");
        first.then().statusCode(200).body(equalTo("1"));
        String id = first.header(HEADER);
        assertEquals(id, SessionCookies.issuedId(first), "the chain writes back to the cookie and the header");
        given().header(HEADER, id).get("/visits").then().body(equalTo("2"));
        given().header(HEADER, id).get("/visits").then().body(equalTo("3"));
    }

    @Test
    void aLinkCarriesTheSessionInTheQueryWithoutHandingItOut() {
        String id = given().get("/visits").header(HEADER);
        Response viaLink = given().queryParam(PARAMETER, id).get("/visits");
        viaLink.then().body(equalTo("2"));
        assertTrue(SessionCookies.headers(viaLink).isEmpty(), "no Set-Cookie");
        assertNull(viaLink.header(HEADER));
    }

    @Test
    void theLoginFormCarriesTheSessionAndLoginRegeneratesIt() {
        String id = given().get("/visits").header(HEADER);
        Response login = given().formParam("username", "alice").formParam("password", "wonderland")
                .formParam(PARAMETER, id).post("/account/login");
        login.then().statusCode(200);
        String regenerated = login.header(HEADER);
        assertNotEquals(id, regenerated);
        given().header(HEADER, regenerated).get("/visits").then().body(equalTo("2"));
        given().header(HEADER, regenerated).get("/account/profile").then().statusCode(200);
    }

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#corpus")
    void hostileHeaderValuesAreNoSession(String hostile) {
        expectNewSession(given().header(HEADER, hostile).get("/visits"), hostile);
    }

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#corpus")
    void hostileQueryValuesAreNoSession(String hostile) {
        Response response = given().queryParam(PARAMETER, hostile).get("/visits");
        if (hostile.length() > 4000) {
            // Longer than the HTTP server's request line: refused before any session code runs.
            response.then().statusCode(414);
            return;
        }
        expectNewSession(response, hostile);
    }

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#corpus")
    void hostileFormValuesAreNoSession(String hostile) {
        Response login = given().formParam("username", "bob").formParam("password", "builder")
                .formParam(PARAMETER, hostile).post("/account/login");
        if (hostile.length() > 2048) {
            // Longer than a form field may be (quarkus.http.limits.max-form-attribute-size): refused before any session
            // code runs.
            login.then().statusCode(413);
            return;
        }
        login.then().statusCode(200).body(equalTo("Welcome bob"));
        assertNotEquals(hostile, login.header(HEADER), "a client cannot choose its session ID");
    }

    private static void expectNewSession(Response response, String hostile) {
        response.then().statusCode(200).body(equalTo("1"));
        String issued = response.header(HEADER);
        assertEquals(32, issued.length());
        assertNotEquals(hostile, issued, "a client cannot choose its session ID");
    }
}
