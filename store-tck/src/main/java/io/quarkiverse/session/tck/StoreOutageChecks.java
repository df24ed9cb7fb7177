package io.quarkiverse.session.tck;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;

/**
 * What a running application reports about its session store across an outage, for a store's own outage test (with
 * {@code quarkus-smallrye-health} and {@code quarkus-micrometer-registry-prometheus} in its test scope): the readiness
 * check DOWN while the store is down, UP again by itself when it is back, and the failed calls counted.
 */
public final class StoreOutageChecks {

    private static final String CHECK = "checks.find { it.name == 'Quarkus Session store' }";

    private StoreOutageChecks() {
    }

    /** The readiness check is UP for the store {@code storeName}, at once or within 30 seconds of reconnecting. */
    public static void assertReady(String storeName) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.store", equalTo(storeName));
    }

    /** The readiness check answers DOWN, with the reason, while the store is down. */
    public static void assertNotReady(String storeName) {
        given().get("/q/health/ready").then().statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN"))
                .body(CHECK + ".data.store", equalTo(storeName))
                .body(CHECK + ".data.error", matchesPattern(".+"));
    }

    /**
     * The meters saw a session created, loads that succeeded, and loads and creations that failed during the outage.
     */
    public static void assertFailuresCounted(String storeName) {
        String store = "store=\"" + storeName + "\"";
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*\\nquarkus_session_created_total\\{" + store + "} [1-9].*"))
                .body(matchesPattern("(?s).*\\nquarkus_session_store_load_seconds_count\\{" + store + "} [1-9].*"))
                .body(matchesPattern(
                        "(?s).*\\nquarkus_session_store_errors_total\\{operation=\"load\"," + store + "} [1-9].*"))
                .body(matchesPattern(
                        "(?s).*\\nquarkus_session_store_errors_total\\{operation=\"create\"," + store + "} [1-9].*"));
    }
}
