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
 * The configurable cookie attributes: name, domain, path, same-site, HttpOnly and browser-session lifetime all end up in
 * the {@code Set-Cookie} header.
 */
class CookieAttributesTest {

    private static final String NAME = "shop_session";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NoteResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.cookie.name", NAME)
            .overrideConfigKey("quarkus.session.cookie.domain", "shop.example.com")
            .overrideConfigKey("quarkus.session.cookie.path", "/shop")
            .overrideConfigKey("quarkus.session.cookie.same-site", "strict")
            .overrideConfigKey("quarkus.session.cookie.http-only", "false")
            .overrideConfigKey("quarkus.session.cookie.session-only", "true");

    @Test
    void cookieHasTheConfiguredName() {
        Response response = write();
        SessionCookies.issuedId(response, NAME);
        assertTrue(SessionCookies.setsNone(response), "no cookie under the default name");
    }

    @Test
    void cookieCarriesTheConfiguredDomain() {
        String header = cookie();
        assertTrue(header.contains("; Domain=shop.example.com"), header);
    }

    @Test
    void cookieCarriesTheConfiguredPath() {
        String header = cookie();
        assertTrue(header.contains("; Path=/shop"), header);
    }

    @Test
    void cookieCarriesTheConfiguredSameSite() {
        String header = cookie();
        assertTrue(header.contains("; SameSite=Strict"), header);
    }

    @Test
    void cookieIsReadableByScriptsWhenHttpOnlyIsOff() {
        String header = cookie();
        assertFalse(header.contains("HttpOnly"), header);
    }

    @Test
    void cookieIsNotSecureByDefault() {
        String header = cookie();
        assertFalse(header.contains("Secure"), header);
    }

    @Test
    void sessionOnlyCookieHasNoMaxAgeNorExpires() {
        String header = cookie();
        assertFalse(header.contains("Max-Age"), header);
        assertFalse(header.contains("Expires"), header);
    }

    @Test
    void sessionOnlyCookieStillCarriesTheSession() {
        String id = SessionCookies.issuedId(write(), NAME);
        given().cookie(NAME, id).get("/note").then().statusCode(200).body(equalTo("kept"));
    }

    private static String cookie() {
        return SessionCookies.header(write(), NAME).orElseThrow();
    }

    private static Response write() {
        Response response = given().post("/note/kept");
        response.then().statusCode(200);
        return response;
    }
}
