package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The strictest cookie a browser knows, {@code __Host-}: a valid configuration (secure, path {@code /}, no domain) starts
 * and every {@code Set-Cookie} carries exactly the attributes browsers require for the prefix.
 */
class HostPrefixedCookieTest {

    private static final String NAME = "__Host-session";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NoteResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.cookie.name", NAME)
            .overrideConfigKey("quarkus.session.cookie.secure", "true")
            .overrideConfigKey("quarkus.session.cookie.path", "/")
            .overrideConfigKey("quarkus.session.idle-timeout", "10M");

    @Test
    void cookieCarriesTheHostPrefixAttributes() {
        String header = SessionCookies.header(write("hello"), NAME).orElseThrow();
        assertTrue(header.startsWith(NAME + "="), header);
        assertTrue(header.contains("; Path=/;") || header.endsWith("; Path=/"), header);
        assertTrue(header.contains("; Secure"), header);
        assertTrue(header.contains("; HttpOnly"), header);
        assertTrue(header.contains("; SameSite=Lax"), header);
    }

    @Test
    void cookieHasNoDomain() {
        String header = SessionCookies.header(write("hello"), NAME).orElseThrow();
        assertFalse(header.contains("Domain"), header);
    }

    @Test
    void cookieMaxAgeIsTheIdleTimeout() {
        String header = SessionCookies.header(write("hello"), NAME).orElseThrow();
        assertTrue(header.contains("; Max-Age=600"), header);
    }

    @Test
    void cookieCarriesTheSessionToTheNextRequest() {
        String id = SessionCookies.issuedId(write("remember me"), NAME);
        given().cookie(NAME, id).get("/note").then().statusCode(200).body(equalTo("remember me"));
    }

    @Test
    void clearingCookieKeepsTheHostPrefixAttributes() {
        String id = SessionCookies.issuedId(write("bye"), NAME);
        Response response = given().cookie(NAME, id).delete("/note");
        response.then().statusCode(204);
        // Browsers ignore a __Host- cookie, even one that deletes, without Secure and Path=/.
        String header = SessionCookies.header(response, NAME).orElseThrow();
        assertTrue(header.startsWith(NAME + "=;"), header);
        assertTrue(header.contains("Max-Age=0"), header);
        assertTrue(header.contains("; Path=/"), header);
        assertTrue(header.contains("; Secure"), header);
        assertFalse(header.contains("Domain"), header);
    }

    private static Response write(String note) {
        Response response = given().post("/note/" + note);
        response.then().statusCode(200);
        return response;
    }
}
