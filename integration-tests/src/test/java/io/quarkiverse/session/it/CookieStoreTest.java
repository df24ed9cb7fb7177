package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The cookie store: the whole session travels sealed in the cookie, nothing is stored on the server.
 */
@QuarkusTest
@TestProfile(CookieStoreProfile.class)
class CookieStoreTest {

    @Test
    void theStoreIsReadyAndItsMetersCountEachNewSession() {
        double before = StoreObservability.createdSessions("cookie");
        given().get("/visits").then().statusCode(200);
        assertEquals(before + 1, StoreObservability.createdSessions("cookie"));
        StoreObservability.assertStoreReady("cookie");
    }

    @Test
    void counterTravelsInTheCookieAndNothingIsStoredOnTheServer() {
        Response first = given().get("/visits");
        first.then().body(equalTo("1"));
        String cookie = sealed(first);
        Response second = given().cookie(SessionCookies.NAME, cookie).get("/visits");
        second.then().body(equalTo("2"));
        assertNotEquals(cookie, sealed(second), "every change reseals the cookie");
        given().cookie(SessionCookies.NAME, sealed(second)).get("/visits").then().body(equalTo("3"));
        // The server answers from the cookie alone: the first cookie, sent again, still holds 1, though its session
        // (one ID throughout) has counted to 3. A server that kept the session would answer 4.
        given().cookie(SessionCookies.NAME, cookie).get("/visits").then().body(equalTo("2"));
    }

    @Test
    void plainVertxRoutesCarryTheSessionInTheCookieToo() {
        Response first = given().get("/vertx/visits-sync");
        first.then().statusCode(200).body(equalTo("1"));
        Response second = given().cookie(SessionCookies.NAME, sealed(first)).get("/vertx/visits");
        second.then().statusCode(200).body(equalTo("2"));
        given().cookie(SessionCookies.NAME, sealed(second)).get("/vertx/visits-sync").then().body(equalTo("3"));
        given().cookie(SessionCookies.NAME, sealed(first)).get("/vertx/visits").then().body(equalTo("2"));
    }

    @Test
    void cookieIsEncryptedNotJustSigned() {
        Response login = SessionLifecycleTest.login(null, "alice", "wonderland");
        String decoded = new String(Base64.getUrlDecoder().decode(sealed(login)), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(decoded.contains("alice") || decoded.contains("Alice") || decoded.contains("customer"),
                "the client cannot read the session");
    }

    @Test
    void untouchedAndReadOnlyNewVisitorsGetNoCookie() {
        assertTrue(SessionCookies.headers(given().get("/no-session")).isEmpty());
        assertTrue(SessionCookies.headers(given().get("/cart")).isEmpty());
    }

    @Test
    void loginRegeneratesIdAndKeepsCart() {
        String anonymous = sealed(SessionLifecycleTest.addToCart(null, "apple", 3));
        String anonymousId = given().cookie(SessionCookies.NAME, anonymous).get("/probe/id").asString();
        Response login = SessionLifecycleTest.login(anonymous, "alice", "wonderland");
        String loggedIn = sealed(login);
        given().cookie(SessionCookies.NAME, loggedIn).get("/cart").then().body("sku", contains("apple"));
        String loggedInId = given().cookie(SessionCookies.NAME, loggedIn).get("/probe/id").asString();
        assertNotEquals(anonymousId, loggedInId, "login changes the session ID");
        given().cookie(SessionCookies.NAME, loggedIn).get("/account/profile").then().statusCode(200)
                .body("username", equalTo("alice"));
    }

    @Test
    void logoutClearsTheCookie() {
        String loggedIn = sealed(SessionLifecycleTest.login(null, "bob", "builder"));
        Response logout = given().cookie(SessionCookies.NAME, loggedIn).post("/account/logout");
        assertTrue(SessionCookies.clears(logout), "logout clears the cookie");
    }

    @Test
    void destroyClearsTheCookie() {
        String cookie = sealed(given().post("/probe/put?key=seed&value=1"));
        assertTrue(SessionCookies.clears(given().cookie(SessionCookies.NAME, cookie).post("/probe/destroy")));
    }

    @Test
    void idleTimeoutIsEnforcedFromInsideTheCookie() {
        String cookie = sealed(given().post("/probe/put?key=seed&value=1"));
        SessionLifecycleTest.sleep(Duration.ofMillis(3500));
        // The client kept the cookie past its Max-Age: the server still refuses the session.
        given().cookie(SessionCookies.NAME, cookie).get("/probe/value?key=seed").then().statusCode(200)
                .body(equalTo("<absent>"));
    }

    @Test
    void absoluteTimeoutIsEnforcedFromInsideTheCookie() {
        String cookie = sealed(given().post("/probe/put?key=seed&value=1"));
        long start = System.nanoTime();
        while (Duration.ofNanos(System.nanoTime() - start).toMillis() < 6300) {
            Response response = given().cookie(SessionCookies.NAME, cookie).get("/probe/value?key=seed");
            if (!response.asString().equals("1")) {
                break;
            }
            // A read moments after the last use reseals nothing: the browser keeps the cookie it has.
            if (SessionCookies.header(response).isPresent()) {
                cookie = sealed(response);
            }
            SessionLifecycleTest.sleep(Duration.ofMillis(700));
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() > 5000, "alive until the absolute timeout");
        given().cookie(SessionCookies.NAME, cookie).get("/probe/value?key=seed").then().body(equalTo("<absent>"));
    }

    @Test
    void sessionTooLargeForACookieFailsClearlyAndKeepsThePreviousState() {
        String cookie = sealed(given().post("/probe/put?key=seed&value=1"));
        Response tooLarge = given().cookie(SessionCookies.NAME, cookie).post("/probe/put-large?key=blob&size=5000");
        tooLarge.then().statusCode(500).body(equalTo("The session could not be saved."));
        assertTrue(SessionCookies.headers(tooLarge).isEmpty(), "the previous cookie stays as it was");
        given().cookie(SessionCookies.NAME, cookie).get("/probe/value?key=seed").then().body(equalTo("1"));
    }

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#corpus")
    void hostileCookieIsTreatedAsNoSession(String hostile) {
        given().cookie(SessionCookies.NAME, hostile).get("/visits").then().statusCode(200).body(equalTo("1"));
    }

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#rawCookieHeaders")
    void rawHostileCookieHeadersAreTreatedAsNoSession(List<String> cookieHeaders) throws Exception {
        HostileCookies.expectNoSessionOrRefused(RawHttp.get("/visits", cookieHeaders), cookieHeaders);
    }

    @Test
    void tamperedAndTruncatedCookiesAreTreatedAsNoSession() {
        String cookie = sealed(given().post("/probe/put?key=seed&value=1"));
        byte[] bytes = Base64.getUrlDecoder().decode(cookie);
        for (int i = 0; i < bytes.length; i += 7) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x20;
            expectNoSession(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered));
        }
        expectNoSession(cookie.substring(0, cookie.length() - 1));
        expectNoSession(cookie.substring(0, cookie.length() / 2));
        expectNoSession(cookie + "A");
    }

    @Test
    void otherSpellingsOfTheSameBytesAreTreatedAsNoSession() {
        String cookie = respellableCookie();
        byte[] bytes = Base64.getUrlDecoder().decode(cookie);
        String padded = Base64.getUrlEncoder().encodeToString(bytes);
        String standard = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        assertNotEquals(cookie, padded);
        assertNotEquals(cookie, standard);
        expectNoSession(padded);
        expectNoSession(standard);
        expectNoSession(Base64.getEncoder().encodeToString(bytes));
        // The last character's unused low bit set: the decoder gives the same bytes.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(cookie.charAt(cookie.length() - 1));
        expectNoSession(cookie.substring(0, cookie.length() - 1) + alphabet.charAt(last | 1));
        given().cookie(SessionCookies.NAME, cookie).get("/probe/value?key=seed").then().body(not(equalTo("<absent>")));
    }

    /**
     * A cookie whose bytes need padding and whose spelling has a '-' or '_', so that its padded and standard-alphabet
     * spellings both differ from it. The length follows from the value's (three lengths cover every remainder modulo
     * 3), the characters from the nonce and ciphertext: about one cookie in seven has neither, so 300 tries cannot all
     * miss.
     */
    private static String respellableCookie() {
        for (int attempt = 0; attempt < 300; attempt++) {
            String cookie = sealed(given().post("/probe/put?key=seed&value=" + "v".repeat(1 + attempt % 3)));
            if (Base64.getUrlDecoder().decode(cookie).length % 3 != 0
                    && (cookie.indexOf('-') >= 0 || cookie.indexOf('_') >= 0)) {
                return cookie;
            }
        }
        throw new AssertionError("no cookie of 300 had both a padded and a standard spelling of its own");
    }

    @Test
    void readRightAfterAWriteResealsNothing() {
        String seeded = sealed(given().post("/probe/put?key=seed&value=1"));
        // An idle timeout of an hour makes the touch period a minute: the read below must come within it, which the
        // profile's 3 s idle timeout (150 ms) did not guarantee on a loaded machine.
        String cookie = sealed(given().cookie(SessionCookies.NAME, seeded).post("/probe/idle-timeout?seconds=3600"));
        Response read = given().cookie(SessionCookies.NAME, cookie).get("/probe/value?key=seed");
        read.then().body(equalTo("1"));
        assertTrue(SessionCookies.headers(read).isEmpty(), "an unchanged, recently used session is not resealed");
    }

    @Test
    void profileRequiresLogin() {
        given().get("/account/profile").then().statusCode(401);
        given().cookie(SessionCookies.NAME, sealed(given().get("/visits"))).get("/probe").then()
                .body("isNew", is(false));
    }

    private static void expectNoSession(String cookie) {
        given().cookie(SessionCookies.NAME, cookie).get("/probe/value?key=seed").then().statusCode(200)
                .body(equalTo("<absent>"));
    }

    /** The sealed session a response sets. */
    static String sealed(Response response) {
        String header = SessionCookies.header(response).orElseThrow(
                () -> new AssertionError("Expected a session Set-Cookie header, got " + response.headers()));
        return header.substring(SessionCookies.NAME.length() + 1, header.indexOf(';'));
    }
}
