package io.quarkiverse.session.test.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A chain of every built-in source: {@code cookie,header:X-Session-ID,query:sid,form:sid,param:sid}. The first source
 * that holds a well-formed ID wins; the cookie and the header are written back, both, and cleared when the session
 * ends; the query, form and path parameter are read-only, and an ID read from them is never copied into the cookie.
 */
class SourceChainTest {

    private static final String HEADER = "X-Session-ID";
    private static final String UNKNOWN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SourcesResource.class, SourcesResource.Routes.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.id-sources", "cookie, header:X-Session-ID, query:sid, form:sid, "
                    + "param:sid")
            // A short idle timeout: the cookie is due to be sent again every 150 ms (a twentieth of it).
            .overrideConfigKey("quarkus.session.idle-timeout", "3S");

    @Test
    void aNewSessionIsHandedBackInTheCookieAndTheHeader() {
        Response created = given().post("/sources/put/one");
        created.then().statusCode(200);
        String id = created.asString();
        assertEquals(id, SessionCookies.issuedId(created));
        assertEquals(id, created.header(HEADER));
    }

    @Test
    void eachSourceAloneFindsTheSession() {
        String id = newSession("found");
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/sources/get").then().body(equalTo("found"));
        given().header(HEADER, id).get("/sources/get").then().body(equalTo("found"));
        given().queryParam("sid", id).get("/sources/get").then().body(equalTo("found"));
        given().get("/sources/carts/" + id).then().body(equalTo("found"));
        given().get("/vertx/carts/" + id).then().body(equalTo("found"));
        given().formParam("sid", id).formParam("note", "hello").post("/sources/form").then()
                .body(equalTo("hello|sid|found"));
    }

    @Test
    void anEndpointThatReadsTheFormBodyItselfGetsItWhole() {
        String id = newSession("kept");
        // The endpoint takes the raw body, so nobody parses the form: the form source finds no ID, and the body is
        // the endpoint's, untouched.
        given().contentType("application/x-www-form-urlencoded").body("sid=" + id + "&note=raw")
                .post("/sources/raw-form").then().statusCode(200).body(equalTo("sid=" + id + "&note=raw|null"));
    }

    @Test
    void anIdFromAReadOnlySourceIsNeverCopiedIntoTheCookieOrTheHeader() throws InterruptedException {
        String id = newSession("linked");
        // Past the period after which a cookie is sent again to keep it alive at the client: not to this client.
        Thread.sleep(300);
        Response read = given().queryParam("sid", id).get("/sources/get");
        read.then().body(equalTo("linked"));
        assertTrue(SessionCookies.setsNone(read), "no Set-Cookie");
        assertNull(read.header(HEADER));
        // A change is saved under the same ID, still without handing it out.
        Response changed = given().queryParam("sid", id).post("/sources/put/changed");
        assertEquals(id, changed.asString());
        assertTrue(SessionCookies.setsNone(changed), "no Set-Cookie");
        given().header(HEADER, id).get("/sources/get").then().body(equalTo("changed"));
    }

    @Test
    void theCookieIsSentAgainToKeepItAliveWhereTheClientHoldsIt() throws InterruptedException {
        String id = newSession("alive");
        Thread.sleep(300);
        Response read = given().cookie(SessionCookies.DEFAULT_NAME, id).get("/sources/get");
        read.then().body(equalTo("alive"));
        assertEquals(id, SessionCookies.issuedId(read), "the cookie's Max-Age moves with the session");
    }

    @Test
    void theFirstSourceWithAWellFormedIdWins() {
        String id = newSession("winner");
        // A malformed cookie holds no well-formed ID: the header's is used.
        given().cookie(SessionCookies.DEFAULT_NAME, "not an ID").header(HEADER, id).get("/sources/get").then()
                .body(equalTo("winner"));
        // A well-formed cookie wins, even if it names no session: the header is not consulted.
        given().cookie(SessionCookies.DEFAULT_NAME, UNKNOWN).header(HEADER, id).get("/sources/get").then()
                .body(equalTo("null"));
    }

    @Test
    void aDestroyedSessionIsClearedInTheCookieAndTheHeader() {
        String id = newSession("gone");
        Response destroyed = given().header(HEADER, id).post("/sources/destroy");
        destroyed.then().statusCode(200);
        assertTrue(SessionCookies.header(destroyed, SessionCookies.DEFAULT_NAME).orElseThrow().contains("Max-Age=0"));
        assertEquals("", destroyed.header(HEADER));
        given().header(HEADER, id).get("/sources/get").then().body(equalTo("null"));
    }

    @Test
    void aCookieSentTwiceIsReadAsTheFirstValueThatNamesALiveSession() {
        String id = newSession("mine");
        String other = newSession("other");
        // Tossed from a sibling subdomain with a longer path, the attacker's values come first.
        assertEquals("mine", withCookies("session_id=garbage; session_id=" + id));
        assertEquals("mine", withCookies("session_id=" + UNKNOWN + "; session_id=" + id));
        assertEquals("other", withCookies("session_id=" + other + "; session_id=" + id));
        // Split over two Cookie headers, as HTTP/2 may send them.
        assertEquals("mine", given().header("Cookie", "session_id=" + UNKNOWN).header("Cookie", "session_id=" + id)
                .get("/sources/get").then().statusCode(200).extract().asString());
        // At most three values are looked up: the fourth is never tried.
        assertEquals("null", withCookies("session_id=" + UNKNOWN + "; session_id=BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; "
                + "session_id=CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; session_id=" + id));
    }

    @Test
    void aNewSessionAfterUnknownIdsGetsAFreshId() {
        Response response = given().header(HEADER, UNKNOWN).post("/sources/put/fresh");
        String id = response.asString();
        assertNotEquals(UNKNOWN, id);
        assertEquals(id, response.header(HEADER));
    }

    private static String newSession(String value) {
        return given().post("/sources/put/" + value).then().statusCode(200).extract().asString();
    }

    private static String withCookies(String cookieHeader) {
        return given().header("Cookie", cookieHeader).get("/sources/get").then().statusCode(200).extract().asString();
    }
}
