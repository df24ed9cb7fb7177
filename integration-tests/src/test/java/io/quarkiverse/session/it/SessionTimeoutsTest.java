package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(ShortTimeoutsProfile.class)
class SessionTimeoutsTest {

    @Test
    void idleSessionExpires() {
        String id = SessionLifecycleTest.newSession();
        SessionLifecycleTest.sleep(Duration.ofMillis(2500));
        given().cookie(SessionCookies.NAME, id).get("/probe").then().body("isNew", is(true));
    }

    @Test
    void cookieMaxAgeFollowsIdleTimeout() {
        Response response = given().get("/visits");
        assertTrue(SessionCookies.header(response).orElseThrow().contains("Max-Age=2;"));
    }

    @Test
    void writeAfterATouchPeriodResendsTheCookie() {
        // Idle timeout 2 s: the cookie's Max-Age is refreshed once per 100 ms period in which the session was written.
        String id = SessionLifecycleTest.newSession();
        SessionLifecycleTest.sleep(Duration.ofMillis(250));
        Response later = given().cookie(SessionCookies.NAME, id).post("/probe/put?key=a&value=1");
        assertTrue(SessionCookies.header(later).orElseThrow().contains(SessionCookies.NAME + "=" + id + "; Max-Age=2;"));
    }

    @Test
    void activeSessionOutlivesIdleTimeoutButNotAbsoluteTimeout() {
        String id = SessionLifecycleTest.newSession();
        long start = System.nanoTime();
        // Used every 800 ms: never idle for 2 s, so alive past the idle timeout...
        while (Duration.ofNanos(System.nanoTime() - start).toMillis() < 3500) {
            given().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").then().body(equalTo("1"));
            SessionLifecycleTest.sleep(Duration.ofMillis(800));
        }
        // ...but not past the absolute timeout of 5 s, however active.
        while (Duration.ofNanos(System.nanoTime() - start).toMillis() < 5300) {
            given().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed");
            SessionLifecycleTest.sleep(Duration.ofMillis(400));
        }
        given().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").then().body(equalTo("<absent>"));
    }

    @Test
    void perSessionIdleTimeoutOverridesDefault() {
        String id = SessionLifecycleTest.newSession();
        Response response = given().cookie(SessionCookies.NAME, id).post("/probe/idle-timeout?seconds=30");
        // Longer than the default idle timeout (2 s), but never past the absolute deadline (5 s after creation).
        long maxAge = maxAge(SessionCookies.header(response).orElseThrow());
        assertTrue(maxAge > 2 && maxAge <= 5, "Max-Age " + maxAge);
        SessionLifecycleTest.sleep(Duration.ofMillis(2500));
        given().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").then().body(equalTo("1"));
    }

    @Test
    void expiredSessionsAreSweptWithoutAnyRequest() {
        SessionLifecycleTest.newSession();
        SessionLifecycleTest.newSession();
        assertTrue(SessionLifecycleTest.storeSize() >= 2);
        // Idle timeout 2 s, sweep every 500 ms: by 3.5 s every session made by this test is gone, unused.
        SessionLifecycleTest.sleep(Duration.ofMillis(3500));
        assertEquals(0, SessionLifecycleTest.storeSize(), "expired sessions were swept");
    }

    @Test
    void memoryStoreIsBoundedAndEvictsTheLongestIdleFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(SessionLifecycleTest.newSession());
            // Distinct last-access times, so "longest idle" is unambiguous.
            SessionLifecycleTest.sleep(Duration.ofMillis(20));
        }
        assertTrue(SessionLifecycleTest.storeSize() <= 5, "never more than max-sessions=5");
        given().cookie(SessionCookies.NAME, ids.get(0)).get("/probe/value?key=seed").then().body(equalTo("<absent>"));
        given().cookie(SessionCookies.NAME, ids.get(8)).get("/probe/value?key=seed").then().body(equalTo("1"));
    }

    private static long maxAge(String setCookie) {
        Matcher maxAge = Pattern.compile("; Max-Age=(\\d+)").matcher(setCookie);
        assertTrue(maxAge.find(), setCookie);
        return Long.parseLong(maxAge.group(1));
    }
}
