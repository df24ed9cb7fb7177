package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
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

/**
 * Timeouts as {@link ShortTimeoutsProfile} sets them: idle 4 s, absolute 10 s, a sweep every 500 ms. A wait that must
 * outlast a timeout is a lower bound, which a slow machine only lengthens; a step that must happen before a timeout
 * has seconds of margin; a wait for something to happen polls until a generous deadline, and fails past it.
 */
@QuarkusTest
@TestProfile(ShortTimeoutsProfile.class)
class SessionTimeoutsTest {

    private static final Duration IDLE = Duration.ofSeconds(4);
    private static final Duration ABSOLUTE = Duration.ofSeconds(10);
    /** How long a wait for an expiry may take beyond the timeout itself before the test fails. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void idleSessionExpires() {
        String id = SessionLifecycleTest.newSession();
        // Any request with the cookie would use the session again: one look, once surely past the idle timeout.
        SessionLifecycleTest.sleep(IDLE.plusSeconds(1));
        given().cookie(SessionCookies.NAME, id).get("/probe").then().body("isNew", is(true));
    }

    @Test
    void cookieMaxAgeFollowsIdleTimeout() {
        Response response = given().get("/visits");
        assertTrue(SessionCookies.header(response).orElseThrow().contains("Max-Age=4;"));
    }

    @Test
    void writeAfterATouchPeriodResendsTheCookie() {
        // Idle timeout 4 s: the cookie's Max-Age is refreshed once per 200 ms period in which the session was written.
        String id = SessionLifecycleTest.newSession();
        SessionLifecycleTest.sleep(Duration.ofMillis(500));
        Response later = given().cookie(SessionCookies.NAME, id).post("/probe/put?key=a&value=1");
        assertTrue(SessionCookies.header(later).orElseThrow().contains(SessionCookies.NAME + "=" + id + "; Max-Age=4;"));
    }

    @Test
    void activeSessionOutlivesIdleTimeoutButNotAbsoluteTimeout() {
        long start = System.nanoTime();
        String id = SessionLifecycleTest.newSession();
        // Used every 500 ms: never idle for 4 s, so alive past the idle timeout...
        while (millisSince(start) < IDLE.toMillis() + 2_500) {
            given().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").then().body(equalTo("1"));
            SessionLifecycleTest.sleep(Duration.ofMillis(500));
        }
        // ...but not past the absolute timeout, however active: it ends, and not before the absolute timeout.
        await().atMost(ABSOLUTE.plus(DEADLINE)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").asString(),
                        equalTo("<absent>"));
        // The server created the session after start: an end sooner than this was not the absolute timeout.
        assertTrue(millisSince(start) >= ABSOLUTE.toMillis() - 50, "ended after " + millisSince(start) + " ms");
    }

    @Test
    void perSessionIdleTimeoutOverridesDefault() {
        String id = SessionLifecycleTest.newSession();
        Response response = given().cookie(SessionCookies.NAME, id).post("/probe/idle-timeout?seconds=30");
        // Longer than the default idle timeout (4 s), but never past the absolute deadline (10 s after creation).
        long maxAge = maxAge(SessionCookies.header(response).orElseThrow());
        assertTrue(maxAge > 4 && maxAge <= 10, "Max-Age " + maxAge);
        // Past the default idle timeout, with 4 s left before the absolute one.
        SessionLifecycleTest.sleep(IDLE.plusSeconds(1));
        given().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").then().body(equalTo("1"));
    }

    @Test
    void expiredSessionsAreSweptWithoutAnyRequest() throws Exception {
        long start = System.nanoTime();
        // Only this test's sessions are watched, by their hashes in the store's listing, which does not use them:
        // sessions of other tests may still be in the store.
        List<String> hashes = List.of(SessionLifecycleTest.sha256Hex(SessionLifecycleTest.newSession()),
                SessionLifecycleTest.sha256Hex(SessionLifecycleTest.newSession()));
        String stored = storeKeys();
        assertTrue(hashes.stream().allMatch(stored::contains), "both sessions are stored");
        await().atMost(IDLE.plus(DEADLINE)).pollInterval(Duration.ofMillis(200))
                .until(() -> hashes.stream().noneMatch(storeKeys()::contains));
        // Swept once expired, never before: the test started before the sessions' last use.
        assertTrue(millisSince(start) >= IDLE.toMillis(), "swept after " + millisSince(start) + " ms");
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

    private static String storeKeys() {
        return given().get("/store/keys").asString();
    }

    private static long millisSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toMillis();
    }

    private static long maxAge(String setCookie) {
        Matcher maxAge = Pattern.compile("; Max-Age=(\\d+)").matcher(setCookie);
        assertTrue(maxAge.find(), setCookie);
        return Long.parseLong(maxAge.group(1));
    }
}
