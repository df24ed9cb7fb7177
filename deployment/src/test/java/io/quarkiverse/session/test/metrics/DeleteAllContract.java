package io.quarkiverse.session.test.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.test.SessionCookies;

/**
 * {@code Sessions.deleteAll()} through HTTP, on a store that keeps sessions on the server: every session the clients
 * hold ends, their cookies then give empty sessions, each deleted session counts as destroyed, and the store works as
 * before. Each such store extends this with its configuration.
 */
abstract class DeleteAllContract {

    /** The {@code store} tag of the meters. */
    abstract String store();

    @Test
    void deleteAllEndsEverySessionAndCountsThemDestroyed() {
        List<String> ids = List.of(create(), create(), create());
        for (String id : ids) {
            read(id, "1");
        }

        given().delete("/admin/sessions").then().statusCode(200).body(equalTo("3"));

        for (String id : ids) {
            read(id, "null");
        }
        PrometheusMeters meters = PrometheusMeters.scrape();
        assertEquals(3, meters.value("quarkus_session_destroyed_total", store()), "destroyed");
        assertEquals(1, meters.value("quarkus_session_store_save_seconds_count", store(), "operation=delete-all"));
        assertEquals(0, meters.value("quarkus_session_store_errors_total", store(), "operation=delete-all"));

        String later = create();
        read(later, "1");
        given().delete("/admin/sessions").then().statusCode(200).body(equalTo("1"));
        read(later, "null");
        assertEquals(4, PrometheusMeters.scrape().value("quarkus_session_destroyed_total", store()), "destroyed");
    }

    private static String create() {
        return SessionCookies.issuedId(given().post("/lifecycle/create").then().statusCode(200).extract().response());
    }

    private static void read(String id, String expected) {
        given().cookie("session_id", id).get("/lifecycle/read").then().statusCode(200).body(equalTo(expected));
    }
}
