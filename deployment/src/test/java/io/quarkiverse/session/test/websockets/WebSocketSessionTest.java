package io.quarkiverse.session.test.websockets;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;

/**
 * {@code @Inject Session} in a WebSockets Next endpoint, with the memory store: the session of the handshake's cookie,
 * read fresh for each callback, saved when the callback completes; none without a cookie, and none after a logout over
 * HTTP, and then writes fail rather than create one.
 */
class WebSocketSessionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(
                    jar -> jar.addClasses(ChatEndpoint.class, ReactiveChatEndpoint.class, StreamingChatEndpoint.class,
                            LoginResource.class, ChatClient.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    private static final String NO_SESSION = "error: This WebSocket connection has no session";

    @Inject
    Vertx vertx;

    @Test
    void greetsTheUserOfTheHandshakesSession() throws Exception {
        String id = ChatClient.login("alice");
        try (ChatClient chat = ChatClient.connect(vertx, "/chat", id)) {
            assertEquals("Hello, alice", chat.next());
            assertEquals("alice: hi", chat.send("hi"));
        }
    }

    @Test
    void withoutSessionCookieTheSocketHasNoSessionAndCreatesNone() throws Exception {
        try (ChatClient chat = ChatClient.connect(vertx, "/chat", null)) {
            assertEquals("Hello, stranger", chat.next());
            assertEquals("stranger: hi", chat.send("hi"));
            String answer = chat.send("/nick mallory");
            assertTrue(answer.startsWith(NO_SESSION), answer);
            assertEquals("stranger: hi", chat.send("hi"));
        }
    }

    @Test
    void unknownSessionIdGivesNoSession() throws Exception {
        try (ChatClient chat = ChatClient.connect(vertx, "/chat", "A".repeat(32))) {
            assertEquals("Hello, stranger", chat.next());
            assertTrue(chat.send("/nick mallory").startsWith(NO_SESSION));
        }
    }

    @Test
    void writeOverTheSocketIsReadOverHttp() throws Exception {
        String id = ChatClient.login("bob");
        try (ChatClient chat = ChatClient.connect(vertx, "/chat", id)) {
            assertEquals("Hello, bob", chat.next());
            assertEquals("You are now robert", chat.send("/nick robert"));
            // Saved before the answer was sent.
            given().cookie(SessionCookies.DEFAULT_NAME, id).get("/user/name").then().statusCode(200)
                    .body(equalTo("robert"));
            assertEquals("robert: hi", chat.send("hi"));
        }
    }

    @Test
    void changeOverHttpIsSeenByTheNextMessage() throws Exception {
        String id = ChatClient.login("carol");
        try (ChatClient chat = ChatClient.connect(vertx, "/chat", id)) {
            assertEquals("Hello, carol", chat.next());
            given().cookie(SessionCookies.DEFAULT_NAME, id).post("/user/login/caroline").then().statusCode(200);
            assertEquals("caroline: hi", chat.send("hi"));
        }
    }

    @Test
    void logoutOverHttpEndsTheSocketsSession() throws Exception {
        String id = ChatClient.login("dave");
        try (ChatClient chat = ChatClient.connect(vertx, "/chat", id)) {
            assertEquals("Hello, dave", chat.next());
            given().cookie(SessionCookies.DEFAULT_NAME, id).post("/user/logout").then().statusCode(200);
            assertEquals("stranger: hi", chat.send("hi"));
            assertTrue(chat.send("/nick dave").startsWith(NO_SESSION));
        }
        // The failed write did not bring the session back.
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/user/name").then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void streamingCallbackSavesWhenItsMultiCompletes() throws Exception {
        String id = ChatClient.login("ivan");
        try (ChatClient chat = ChatClient.connect(vertx, "/streaming-chat", id)) {
            assertEquals("You were ivan", chat.send("ivo"));
            assertEquals("You are now ivo", chat.next());
            // The items may leave before the completion that saves: the HTTP request waits a moment for it.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().cookie(SessionCookies.DEFAULT_NAME, id)
                    .get("/user/name").then().statusCode(200).body(equalTo("ivo")));
        }
    }

    @Test
    void eventLoopCallbacksSeeAndSaveTheSession() throws Exception {
        String id = ChatClient.login("erin");
        try (ChatClient chat = ChatClient.connect(vertx, "/reactive-chat", id)) {
            assertEquals("Hello, erin", chat.next());
            assertEquals("You are now erina", chat.send("/nick erina"));
            given().cookie(SessionCookies.DEFAULT_NAME, id).get("/user/name").then().statusCode(200)
                    .body(equalTo("erina"));
        }
    }
}
