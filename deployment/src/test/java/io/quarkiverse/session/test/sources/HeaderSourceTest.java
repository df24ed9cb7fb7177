package io.quarkiverse.session.test.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * An API's source alone, {@code header:X-Session-ID}, on a store that answers later (the filesystem): the response
 * hands the ID back in the same header and never sends {@code Set-Cookie}; a session cookie is ignored; a destroyed
 * session's header is sent empty; hostile header values are no session, never an error.
 */
class HeaderSourceTest {

    private static final String HEADER = "X-Session-ID";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SourcesResource.class, SourcesResource.Routes.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path",
                    Path.of("target", "header-source-sessions-" + UUID.randomUUID()).toAbsolutePath().toString())
            .overrideConfigKey("quarkus.session.id-sources", "header:X-Session-ID");

    @Test
    void theIdTravelsInTheHeaderOnly() {
        Response created = given().post("/sources/put/api");
        String id = created.then().statusCode(200).extract().asString();
        assertEquals(id, created.header(HEADER));
        assertTrue(SessionCookies.setsNone(created), "no Set-Cookie");

        Response read = given().header(HEADER, id).get("/sources/get");
        read.then().body(equalTo("api"));
        assertTrue(SessionCookies.setsNone(read), "no Set-Cookie");
        given().header(HEADER, id).get("/sources/event-loop/get").then().body(equalTo("api"));
    }

    @Test
    void aSessionCookieIsIgnored() {
        String id = given().post("/sources/put/cookie").then().statusCode(200).extract().asString();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/sources/get").then().statusCode(200)
                .body(equalTo("null"));
    }

    @Test
    void aDestroyedSessionIsClearedInTheHeader() {
        String id = given().post("/sources/put/ending").then().statusCode(200).extract().asString();
        Response destroyed = given().header(HEADER, id).post("/sources/destroy");
        destroyed.then().statusCode(200);
        assertEquals("", destroyed.header(HEADER));
        assertTrue(SessionCookies.setsNone(destroyed), "no Set-Cookie");
        given().header(HEADER, id).get("/sources/get").then().body(equalTo("null"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "../../../../etc/passwd", "' OR 1=1 --", "${jndi:ldap://127.0.0.1/a}",
            "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"" })
    void hostileValuesAreNoSession(String value) {
        given().header(HEADER, value).get("/sources/get").then().statusCode(200).body(equalTo("null"));
        given().header(HEADER, value).get("/sources/event-loop/get").then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void anOversizedValueIsNoSession() {
        given().header(HEADER, "A".repeat(5000)).get("/sources/get").then().statusCode(200).body(equalTo("null"));
    }
}
