package io.quarkiverse.session.scope.websockets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/**
 * WebSockets Next with its default {@code auto} and endpoints that use no {@code @SessionScoped} bean of the
 * application: no conflict. REST endpoints' {@code @SessionScoped} bean is one per HTTP session, and an endpoint still
 * gets WebSockets Next's own {@code @SessionScoped} {@link WebSocketConnection}, one per connection.
 */
class EndpointWithoutSessionScopedBeanTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Preferences.class, PreferencesResource.class, Echo.class));

    @Inject
    Vertx vertx;

    @TestHTTPResource("echo")
    URI echo;

    @Test
    void restEndpointsKeepOneInstancePerSession() {
        Response first = given().get("/preferences");
        first.then().statusCode(200);
        given().cookie("session_id", first.getCookie("session_id")).get("/preferences").then().statusCode(200)
                .body(equalTo(first.asString()));
    }

    @Test
    void webSocketEndpointGetsItsConnection() throws Exception {
        HttpClient client = vertx.createHttpClient();
        try {
            CompletableFuture<String> greeting = new CompletableFuture<>();
            CompletableFuture<String> reply = new CompletableFuture<>();
            client.webSocket(echo.getPort(), echo.getHost(), echo.getPath()).onComplete(connected -> {
                if (connected.failed()) {
                    greeting.completeExceptionally(connected.cause());
                    return;
                }
                connected.result().textMessageHandler(message -> {
                    if (!greeting.complete(message)) {
                        reply.complete(message);
                    }
                });
                connected.result().writeTextMessage("hi");
            });
            String opened = greeting.get(10, TimeUnit.SECONDS);
            assertTrue(opened.startsWith("open:") && opened.length() > 5, opened);
            String answer = reply.get(10, TimeUnit.SECONDS);
            assertTrue(answer.equals(opened.substring("open:".length()) + ":hi"), answer);
        } finally {
            client.close();
        }
    }

    @SessionScoped
    public static class Preferences {

        private final String instance = UUID.randomUUID().toString();

        String instance() {
            return instance;
        }
    }

    @Path("/preferences")
    public static class PreferencesResource {

        @Inject
        Preferences preferences;

        @GET
        public String instance() {
            return preferences.instance();
        }
    }

    @WebSocket(path = "/echo")
    public static class Echo {

        @Inject
        WebSocketConnection connection;

        @OnOpen
        String open() {
            return "open:" + connection.id();
        }

        @OnTextMessage
        String echo(String message) {
            return connection.id() + ":" + message;
        }
    }
}
