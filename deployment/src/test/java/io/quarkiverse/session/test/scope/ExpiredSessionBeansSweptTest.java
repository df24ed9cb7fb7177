package io.quarkiverse.session.test.scope;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A session that expires while no request comes (as Redis expires them, silently) has its {@code @SessionScoped}
 * instances destroyed by the periodic sweep; a request that brings it afterwards gets a new session and a new instance.
 */
class ExpiredSessionBeansSweptTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Cart.class, CartLifecycle.class, CartResource.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.session.idle-timeout", "2s")
            .overrideConfigKey("quarkus.session.sweep-interval", "200ms");

    @Test
    void sweepDestroysTheInstanceOfAnExpiredSessionWithoutARequest() {
        Response first = given().get("/cart/instance");
        String instance = first.asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> destroyed().contains(instance));
        given().cookie(SessionCookies.DEFAULT_NAME, SessionCookies.issuedId(first)).get("/cart/instance").then()
                .statusCode(200).body(not(equalTo(instance)));
    }

    @Test
    void instanceOfASessionInUseIsKept() throws InterruptedException {
        Response first = given().get("/cart/instance");
        String id = SessionCookies.issuedId(first);
        // Used every half second for three seconds: its idle timeout of two seconds never passes.
        for (int i = 0; i < 6; i++) {
            Thread.sleep(500);
            given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/instance").then().body(equalTo(first.asString()));
        }
    }

    private static List<String> destroyed() {
        String body = given().get("/cart/destroyed").then().statusCode(200).extract().asString();
        return body.isEmpty() ? List.of() : List.of(body.split(","));
    }
}
