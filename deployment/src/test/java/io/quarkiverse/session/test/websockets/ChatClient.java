package io.quarkiverse.session.test.websockets;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.quarkiverse.session.test.SessionCookies;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/** A Vert.x WebSocket client of one connection, with or without a session cookie, that collects the text it receives. */
final class ChatClient implements AutoCloseable {

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<String> received;

    private ChatClient(WebSocketClient client, WebSocket socket, BlockingQueue<String> received) {
        this.client = client;
        this.socket = socket;
        this.received = received;
    }

    /** Logs in over HTTP ({@link LoginResource}) and returns the ID of the new session. */
    static String login(String name) {
        return SessionCookies.issuedId(given().post("/user/login/" + name).then().statusCode(200).extract().response());
    }

    /** Connects to {@code path} of the application, sending the session cookie {@code sessionId} unless it is null. */
    static ChatClient connect(Vertx vertx, String path, String sessionId) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                .setURI(path);
        if (sessionId != null) {
            options.addHeader("Cookie", "session_id=" + sessionId);
        }
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = client.connect(options).onSuccess(connected -> connected.textMessageHandler(received::add))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new ChatClient(client, socket, received);
    }

    /** The next text received, waiting for it up to 10 seconds. */
    String next() throws InterruptedException {
        String text = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(text, "no message within 10 seconds");
        return text;
    }

    /** Sends a text and returns the answer. */
    String send(String text) throws Exception {
        socket.writeTextMessage(text).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return next();
    }

    @Override
    public void close() throws Exception {
        socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.close();
    }
}
