package io.quarkiverse.session.test.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code Sessions.deleteAll()} with the cookie store, which keeps nothing on the server: it refuses, saying what to do
 * instead, deletes nothing, and counts neither a destroyed session nor a store error. So do binding a session to a
 * principal and deleting a user's sessions.
 */
class CookieStoreDeleteAllTest {

    private static final String COOKIE = "store=cookie";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DeleteAllResource.class, LifecycleResource.class,
                    PrometheusMeters.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-cookie-store-delete-all");

    @Test
    void deleteAllIsRefusedWithWhatToDoInstead() {
        String header = SessionCookies.header(given().post("/lifecycle/create").then().statusCode(200).extract()
                .response(), "session_id").orElseThrow();
        String cookie = header.substring("session_id=".length(), header.indexOf(';'));

        given().delete("/admin/sessions").then().statusCode(501)
                .body(allOf(containsString("cookie session store"), containsString("cannot delete"),
                        containsString("quarkus.session.secret")));

        given().cookie("session_id", cookie).get("/lifecycle/read").then().statusCode(200).body(equalTo("1"));
        PrometheusMeters meters = PrometheusMeters.scrape();
        assertEquals(0, meters.value("quarkus_session_destroyed_total", COOKIE), "destroyed");
        assertEquals(0, meters.value("quarkus_session_store_errors_total", COOKIE, "operation=delete-all"),
                "a refusal is no store error");
        assertEquals(1, meters.value("quarkus_session_store_save_seconds_count", COOKIE, "operation=delete-all"));
    }

    @Test
    void principalsAreRefusedWithWhatToDoInstead() {
        given().post("/admin/sessions/login/alice").then().statusCode(501)
                .body(allOf(containsString("cookie store cannot bind"), containsString("quarkus.session.store")));
        given().delete("/admin/sessions/of/alice").then().statusCode(501)
                .body(allOf(containsString("cannot find or end the sessions of a user"),
                        containsString("server-side store")));
        assertEquals(0, PrometheusMeters.scrape().value("quarkus_session_store_errors_total", COOKIE,
                "operation=find-by-principal"), "a refusal is no store error");
    }
}
