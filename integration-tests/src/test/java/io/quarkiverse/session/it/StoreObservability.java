package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the application reports about its session store: the readiness check and the count of created sessions.
 */
final class StoreObservability {

    private static final String CHECK = "checks.find { it.name == 'Quarkus Session store' }";

    private StoreObservability() {
    }

    /**
     * Our check only: the Redis client's and the datasource's own checks are DOWN in profiles that do not configure
     * them.
     */
    static void assertStoreReady(String store) {
        given().get("/q/health/ready").then()
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.store", equalTo(store));
    }

    /** {@code quarkus.session.created} of the store, as Prometheus shows it. */
    static double createdSessions(String store) {
        String sample = "quarkus_session_created_total{store=\"" + store + "\"} ";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(sample))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No sample " + sample));
    }
}
