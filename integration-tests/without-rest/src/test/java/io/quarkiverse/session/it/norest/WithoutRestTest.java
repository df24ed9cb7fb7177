package io.quarkiverse.session.it.norest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Sessions work in an application that contains no Quarkus REST: created and read back by plain Vert.x routes, with the
 * cookie and with a path parameter that the route matched, injected into a reactive route and into a WebSockets Next endpoint.
 */
@QuarkusTest
class WithoutRestTest {

    private static final String COOKIE = "session_id";

    @Inject
    Vertx vertx;

    @Test
    void theApplicationHasNoQuarkusRest() {
        // Else this module would not test what it is for.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.ws.rs.core.Response", false,
                Thread.currentThread().getContextClassLoader()));
    }

    @Test
    void sessionCreatedByRouteIsReadBackWithItsCookie() {
        String id = login("alice");
        given().cookie(COOKIE, id).get("/name").then().statusCode(200).body(equalTo("alice"));
        given().get("/name").then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void sessionIsFoundByThePathParameterOfAPlainRoute() {
        String id = login("bob");
        given().get("/by-id/" + id + "/name").then().statusCode(200).body(equalTo("bob"));
    }

    @Test
    void reactiveRouteInjectsTheSession() {
        String id = login("dave");
        given().cookie(COOKIE, id).get("/greeting").then().statusCode(200).body(equalTo("Hello, dave"));
        // Without a cookie every source is read, the path parameter too, in the request context of the route.
        given().get("/greeting").then().statusCode(200).body(equalTo("Hello, stranger"));
    }

    @Test
    void loggedOutSessionIsGone() {
        String id = login("carol");
        given().cookie(COOKIE, id).post("/logout").then().statusCode(200);
        given().cookie(COOKIE, id).get("/name").then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void webSocketEndpointReadsAndWritesTheSession() throws Exception {
        String id = login("erin");
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                    .setURI("/greetings").addHeader("Cookie", COOKIE + "=" + id))
                    .onSuccess(connected -> connected.textMessageHandler(received::add))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals("Hello, erin", received.poll(10, TimeUnit.SECONDS));
            socket.writeTextMessage("erina");
            assertEquals("You are now erina", received.poll(10, TimeUnit.SECONDS));
            given().cookie(COOKIE, id).get("/name").then().statusCode(200).body(equalTo("erina"));
        } finally {
            client.close();
        }
    }

    static String login(String name) {
        String id = given().post("/login/" + name).then().statusCode(200).extract().cookie(COOKIE);
        assertEquals(32, id.length(), "session ID");
        return id;
    }
}
