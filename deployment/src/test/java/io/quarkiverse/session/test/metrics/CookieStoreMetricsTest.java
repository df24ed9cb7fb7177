package io.quarkiverse.session.test.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec.CookieSession;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The session meters of the cookie store, which keeps nothing on the server: sessions are created, regenerated and
 * destroyed in the cookie, and a cookie is rejected as malformed, tampered with, sealed with a key this application
 * does not have, or expired.
 */
class CookieStoreMetricsTest {

    private static final String COOKIE = "store=cookie";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LifecycleResource.class, PrometheusMeters.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-cookie-store-metrics");

    @Test
    void everyEventAndEveryRejectionIsCountedOnce() throws InterruptedException {
        String first = create();
        String second = create();
        String third = create();

        given().cookie("session_id", first).post("/lifecycle/regenerate").then().statusCode(200);
        given().cookie("session_id", second).post("/lifecycle/destroy").then().statusCode(200);

        read("not a sealed session");
        read(tampered(third));
        read(new CookieSessionCodec(List.of("another-application's-secret-of-enough-length"), "session_id")
                .seal(new CookieSession(SessionIdGenerator.generate(), System.currentTimeMillis(),
                        System.currentTimeMillis(), 0, Map.of("n", "1".getBytes(StandardCharsets.UTF_8)))));
        String expiring = sealed(given().post("/lifecycle/create-expiring/200").then().statusCode(200).extract()
                .response());
        Thread.sleep(400);
        read(expiring);

        PrometheusMeters meters = PrometheusMeters.scrape();
        assertEquals(4, meters.value("quarkus_session_created_total", COOKIE), "created");
        assertEquals(1, meters.value("quarkus_session_regenerated_total", COOKIE), "regenerated");
        assertEquals(1, meters.value("quarkus_session_destroyed_total", COOKIE), "destroyed");
        assertEquals(1, meters.value("quarkus_session_rejected_total", COOKIE, "reason=malformed"), "malformed");
        assertEquals(1, meters.value("quarkus_session_rejected_total", COOKIE, "reason=tampered"), "tampered");
        assertEquals(1, meters.value("quarkus_session_rejected_total", COOKIE, "reason=unknown"), "foreign key");
        assertEquals(1, meters.value("quarkus_session_rejected_total", COOKIE, "reason=expired"), "expired");
        // The client holds the sessions: the server cannot know when they expire, nor how many there are.
        assertEquals(0, meters.value("quarkus_session_expired_total", COOKIE), "expired");
        assertEquals(false, meters.hasAny("quarkus_session_active"), "no gauge of sessions");
        // Every request with a cookie that could be a sealed session opens it: all but the malformed one. Four
        // creations and the regenerated session are sealed.
        assertEquals(5, meters.value("quarkus_session_store_load_seconds_count", COOKIE), "cookies opened");
        assertEquals(4, meters.value("quarkus_session_store_save_seconds_count", COOKIE, "operation=create"));
        assertEquals(1, meters.value("quarkus_session_store_save_seconds_count", COOKIE, "operation=update"));
        assertEquals(5, meters.value("quarkus_session_store_save_size_bytes_count", COOKIE), "sealed cookies");
    }

    private static String create() {
        return sealed(given().post("/lifecycle/create").then().statusCode(200).extract().response());
    }

    private static String sealed(Response response) {
        String header = SessionCookies.header(response, "session_id").orElseThrow();
        return header.substring("session_id=".length(), header.indexOf(';'));
    }

    /** The cookie with one character of its authentication tag changed. */
    private static String tampered(String cookie) {
        int index = cookie.length() - 10;
        char changed = cookie.charAt(index) == 'A' ? 'B' : 'A';
        return cookie.substring(0, index) + changed + cookie.substring(index + 1);
    }

    private static void read(String cookie) {
        Response response = given().cookie("session_id", cookie).get("/lifecycle/read");
        assertEquals("null", response.then().statusCode(200).extract().asString());
    }
}
