package io.quarkiverse.session.test.websockets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;

/**
 * The session in WebSocket callbacks with a store that answers later (the filesystem store): event-loop callbacks,
 * which return a {@code Uni}, get it loaded before them without blocking; worker-thread callbacks wait for it.
 */
class WebSocketAsyncStoreSessionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(
                    jar -> jar.addClasses(ChatEndpoint.class, ReactiveChatEndpoint.class, NonBlockingChatEndpoint.class,
                            LoginResource.class, ChatClient.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path",
                    Path.of("target", "websocket-sessions-" + UUID.randomUUID()).toAbsolutePath().toString());

    @Inject
    Vertx vertx;

    @Test
    void eventLoopCallbacksLoadAndSaveWithoutBlocking() throws Exception {
        String id = ChatClient.login("frank");
        try (ChatClient chat = ChatClient.connect(vertx, "/reactive-chat", id)) {
            assertEquals("Hello, frank", chat.next());
            assertEquals("You are now francis", chat.send("/nick francis"));
            given().cookie(SessionCookies.DEFAULT_NAME, id).get("/user/name").then().statusCode(200)
                    .body(equalTo("francis"));
            given().cookie(SessionCookies.DEFAULT_NAME, id).post("/user/logout").then().statusCode(200);
            assertEquals("stranger: hi", chat.send("hi"));
        }
    }

    @Test
    void eventLoopCallbackReturningAPlainValueFailsInsteadOfBlocking() throws Exception {
        String id = ChatClient.login("heidi");
        try (ChatClient chat = ChatClient.connect(vertx, "/non-blocking-chat", id)) {
            String answer = chat.next();
            assertTrue(answer.startsWith("error: The session of a WebSocket callback that runs on the event loop"),
                    answer);
        }
    }

    @Test
    void workerCallbacksLoadAndSave() throws Exception {
        String id = ChatClient.login("grace");
        try (ChatClient chat = ChatClient.connect(vertx, "/chat", id)) {
            assertEquals("Hello, grace", chat.next());
            assertEquals("You are now gracie", chat.send("/nick gracie"));
            given().cookie(SessionCookies.DEFAULT_NAME, id).get("/user/name").then().statusCode(200)
                    .body(equalTo("gracie"));
        }
    }
}
