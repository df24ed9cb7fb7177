package io.quarkiverse.session.test.scope;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.vertx.ext.web.Router;

/**
 * {@code @SessionScoped} beans in Quarkus REST and on a plain Vert.x route, with the memory store: one instance per
 * session, created on first use, following the session through regenerate, and destroyed with it.
 */
class SessionScopedBeansTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Cart.class, CartLifecycle.class, CartResource.class,
                    CartRoute.class, SessionCookies.class))
            // The memory store is local to this instance: nothing to warn about.
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.session.runtime.scope"))
            .assertLogRecords(records -> assertTrue(
                    records.stream().noneMatch(record -> record.getLevel().intValue() >= Level.WARNING.intValue()),
                    "no warning: " + records.stream().map(LogRecord::getMessage).toList()));

    @Test
    void noInstanceAndNoCookieForARequestThatDoesNotUseTheBean() {
        int createdBefore = created().size();
        Response response = given().get("/cart/ping");
        response.then().statusCode(200);
        assertTrue(SessionCookies.setsNone(response, SessionCookies.DEFAULT_NAME), "no session for a request without it");
        assertEquals(createdBefore, created().size(), "no instance created before first use");
    }

    @Test
    void firstUseStartsASessionAndLaterRequestsGetTheSameInstance() {
        Response first = given().get("/cart/instance");
        first.then().statusCode(200);
        String id = SessionCookies.issuedId(first);
        String instance = first.asString();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/instance").then().statusCode(200)
                .body(equalTo(instance));
    }

    @Test
    void eachSessionHasItsOwnInstance() {
        Response alice = given().get("/cart/instance");
        Response bob = given().get("/cart/instance");
        assertNotEquals(alice.asString(), bob.asString());
        given().cookie(SessionCookies.DEFAULT_NAME, SessionCookies.issuedId(alice)).get("/cart/instance").then()
                .body(equalTo(alice.asString()));
    }

    @Test
    void plainVertxRouteSeesTheInstanceOfTheSession() {
        Response rest = given().get("/cart/instance");
        given().cookie(SessionCookies.DEFAULT_NAME, SessionCookies.issuedId(rest)).get("/vertx/cart").then()
                .statusCode(200).body(equalTo(rest.asString()));
    }

    @Test
    void arcsOwnSessionContextTakesPrecedenceWhereActive() {
        Response first = given().get("/cart/instance");
        given().cookie(SessionCookies.DEFAULT_NAME, SessionCookies.issuedId(first)).get("/cart/in-arc-session-context")
                .then().statusCode(200).body(not(equalTo(first.asString())));
    }

    @Test
    void regenerateKeepsTheInstanceUnderTheNewId() {
        Response first = given().get("/cart/instance");
        String oldId = SessionCookies.issuedId(first);
        Response regenerated = given().cookie(SessionCookies.DEFAULT_NAME, oldId).post("/cart/regenerate");
        regenerated.then().statusCode(200).body(equalTo(first.asString()));
        String newId = SessionCookies.issuedId(regenerated);
        assertNotEquals(oldId, newId);
        given().cookie(SessionCookies.DEFAULT_NAME, newId).get("/cart/instance").then().body(equalTo(first.asString()));
        assertTrue(destroyed().stream().noneMatch(first.asString()::equals), "not destroyed by regenerate");
    }

    @Test
    void resetDestroysTheInstanceAndTheNextUseGetsANewOne() {
        Response first = given().get("/cart/instance");
        String instance = first.asString();
        Response reset = given().cookie(SessionCookies.DEFAULT_NAME, SessionCookies.issuedId(first)).post("/cart/reset");
        reset.then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> destroyed().contains(instance));
        given().cookie(SessionCookies.DEFAULT_NAME, SessionCookies.issuedId(first)).get("/cart/instance").then()
                .body(not(equalTo(instance)));
    }

    @Test
    void destroyDestroysTheInstanceAndTheNextUseGetsANewOne() {
        Response first = given().get("/cart/instance");
        String id = SessionCookies.issuedId(first);
        String instance = first.asString();
        given().cookie(SessionCookies.DEFAULT_NAME, id).post("/cart/destroy").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> destroyed().contains(instance));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/instance").then().body(not(equalTo(instance)));
    }

    @Test
    void concurrentRequestsOfOneSessionShareOneInstance() throws Exception {
        // The session exists, the cart not yet: the concurrent requests race to create it.
        Response started = given().post("/cart/start");
        started.then().statusCode(200);
        String id = SessionCookies.issuedId(started);
        int createdBefore = created().size();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Callable<Integer> add = () -> given().cookie(SessionCookies.DEFAULT_NAME, id).post("/cart/add").then()
                        .statusCode(200).extract().asString().length();
                answers.add(clients.submit(add));
            }
            for (Future<Integer> answer : answers) {
                answer.get();
            }
        } finally {
            clients.shutdownNow();
        }
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/items").then().body(equalTo("32"));
        assertEquals(createdBefore + 1, created().size(), "one instance created for the session");
    }

    private static List<String> created() {
        return listed("/cart/created");
    }

    private static List<String> destroyed() {
        return listed("/cart/destroyed");
    }

    private static List<String> listed(String path) {
        String body = given().get(path).then().statusCode(200).extract().asString();
        return body.isEmpty() ? List.of() : List.of(body.split(","));
    }

    public static class CartRoute {

        @Inject
        Cart cart;

        void routes(@Observes Router router) {
            router.get("/vertx/cart").handler(request -> request.response().end(cart.instance()));
        }
    }
}
