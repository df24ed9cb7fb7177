package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * One session used in turn by two application instances on one shared store (Redis, PostgreSQL): instance A is the
 * test's application (reached with rest-assured), instance B a {@link SecondInstance} of the packaged application. What
 * one instance writes, the other reads; what one regenerates or destroys, the other no longer finds.
 */
final class TwoInstancesOnOneStore {

    private TwoInstancesOnOneStore() {
    }

    /**
     * Runs the scenario with B on the store named {@code store}, configured by {@code storeConfig}: system properties
     * pointing it at A's server.
     */
    static void sessionIsSharedBetweenTwoInstances(String store, List<String> storeConfig) throws Exception {
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.session.store=" + store));
        properties.addAll(storeConfig);
        try (SecondInstance b = SecondInstance.start(properties)) {
            String id = SessionLifecycleTest.newSession();
            HttpResponse<String> read = b.send("GET", "/probe/value?key=seed", id);
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("1", read.body(), "B reads what A wrote");

            assertEquals(200, b.send("POST", "/probe/put?key=seed&value=changed-on-b", id).statusCode());
            given().cookie(SessionCookies.NAME, id).get("/probe/value?key=seed").then().body(equalTo("changed-on-b"));

            for (int visit = 1; visit <= 4; visit++) {
                String count = visit % 2 == 0 ? b.send("GET", "/visits", id).body()
                        : given().cookie(SessionCookies.NAME, id).get("/visits").asString();
                assertEquals(String.valueOf(visit), count, "visits counted on A and B alternately");
            }

            String regenerated = SecondInstance.issuedId(b.send("POST", "/probe/regenerate", id)).orElseThrow();
            given().cookie(SessionCookies.NAME, id).get("/probe").then().body("isNew", is(true));
            given().cookie(SessionCookies.NAME, regenerated).get("/probe/value?key=seed").then()
                    .body(equalTo("changed-on-b"));

            given().cookie(SessionCookies.NAME, regenerated).post("/probe/destroy").then().statusCode(200);
            assertEquals("<absent>", b.send("GET", "/probe/value?key=seed", regenerated).body(), "B sees A's destroy");
        }
    }
}
