package io.quarkiverse.session.test.scope;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With a sweep too slow to matter, a request that brings an expired session destroys that session's
 * {@code @SessionScoped} instances at once, and gets new ones.
 */
class ExpiredSessionBeansOnRequestTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Cart.class, CartLifecycle.class, CartResource.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.session.idle-timeout", "1s")
            .overrideConfigKey("quarkus.session.sweep-interval", "1h");

    @Test
    void requestWithAnExpiredSessionDestroysItsInstanceAndGetsANewOne() {
        Response first = given().get("/cart/instance");
        String instance = first.asString();
        String id = SessionCookies.issuedId(first);
        Awaitility.await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
        assertTrue(!destroyed().contains(instance), "nothing sweeps in this test");
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/instance").then().statusCode(200)
                .body(not(equalTo(instance)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> destroyed().contains(instance));
    }

    private static List<String> destroyed() {
        String body = given().get("/cart/destroyed").then().statusCode(200).extract().asString();
        return body.isEmpty() ? List.of() : List.of(body.split(","));
    }
}
