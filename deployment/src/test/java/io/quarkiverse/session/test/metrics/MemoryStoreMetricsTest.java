package io.quarkiverse.session.test.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The session meters of the memory store, after scripted traffic that makes every lifecycle event happen a known
 * number of times: each count must be exact. And the store's readiness check, always UP in memory.
 */
class MemoryStoreMetricsTest {

    private static final String MEMORY = "store=memory";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LifecycleResource.class, PrometheusMeters.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            // Only this test sweeps, when it has made sure what there is to sweep.
            .overrideConfigKey("quarkus.session.sweep-interval", "1H");

    @Inject
    SessionLifecycle lifecycle;

    @Test
    void everyEventIsCountedOnce() throws InterruptedException {
        String first = create();
        String second = create();
        String third = create();
        create();

        given().cookie("session_id", first).post("/lifecycle/regenerate").then().statusCode(200);
        given().cookie("session_id", second).post("/lifecycle/destroy").then().statusCode(200);
        // Ends the third session and starts another: one destroyed, one created.
        given().cookie("session_id", third).post("/lifecycle/reset").then().statusCode(200);

        read("not a session ID");
        read(SessionIdGenerator.generate());
        read(first); // moved to a new ID by the regeneration
        read(second); // destroyed

        // One expired session is found by a request, and deleted by it; another one by the sweep.
        String foundByRequest = createExpiring();
        String foundBySweep = createExpiring();
        Thread.sleep(400);
        read(foundByRequest);
        assertEquals(1, lifecycle.sweepExpired(Instant.now()).await().indefinitely(), "swept");
        read(foundBySweep); // gone: unknown now, not expired

        // No observer in this application: no event is even made.
        assertFalse(lifecycle.events().isObserved(), "no session events");

        PrometheusMeters meters = PrometheusMeters.scrape();
        assertEquals(7, meters.value("quarkus_session_created_total", MEMORY), "created");
        assertEquals(2, meters.value("quarkus_session_destroyed_total", MEMORY), "destroyed");
        assertEquals(1, meters.value("quarkus_session_regenerated_total", MEMORY), "regenerated");
        assertEquals(2, meters.value("quarkus_session_expired_total", MEMORY), "expired");
        assertEquals(1, meters.value("quarkus_session_rejected_total", MEMORY, "reason=malformed"), "malformed");
        assertEquals(4, meters.value("quarkus_session_rejected_total", MEMORY, "reason=unknown"), "unknown");
        assertEquals(1, meters.value("quarkus_session_rejected_total", MEMORY, "reason=expired"), "expired ID");
        assertEquals(0, meters.value("quarkus_session_rejected_total", MEMORY, "reason=tampered"), "tampered");
        // The regenerated, the reset and the fourth session: created 7, minus 2 destroyed and 2 expired.
        assertEquals(3, meters.value("quarkus_session_active", MEMORY), "active");

        // Every request with a well-formed ID loads once: regenerate, destroy, reset, and five reads.
        assertEquals(8, meters.value("quarkus_session_store_load_seconds_count", MEMORY), "loads");
        assertEquals(7, meters.value("quarkus_session_store_save_seconds_count", MEMORY, "operation=create"));
        assertEquals(1, meters.value("quarkus_session_store_save_seconds_count", MEMORY, "operation=change-key"));
        // Destroy, reset, and the expired session the request found.
        assertEquals(3, meters.value("quarkus_session_store_save_seconds_count", MEMORY, "operation=delete"));
        assertEquals(0, meters.value("quarkus_session_store_errors_total", MEMORY, "operation=load"));
        // Only creations wrote values here, each the one byte of the number 1.
        assertEquals(7, meters.value("quarkus_session_store_save_size_bytes_count", MEMORY), "saves with values");
        assertEquals(7, meters.value("quarkus_session_store_save_size_bytes_sum", MEMORY), "bytes");
    }

    @Test
    void theMemoryStoreIsAlwaysReady() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Quarkus Session store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Quarkus Session store' }.data.store", equalTo("memory"));
    }

    private static String create() {
        return SessionCookies.issuedId(given().post("/lifecycle/create").then().statusCode(200).extract().response());
    }

    private static String createExpiring() {
        return SessionCookies.issuedId(given().post("/lifecycle/create-expiring/200").then().statusCode(200).extract()
                .response());
    }

    private static void read(String id) {
        Response response = given().cookie("session_id", id).get("/lifecycle/read");
        assertEquals("null", response.then().statusCode(200).extract().asString(), "no session for " + id.length());
    }
}
