package io.quarkiverse.session.test.websockets;

import jakarta.inject.Inject;

import io.quarkiverse.session.Session;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/**
 * A chat that greets the user by the name kept in the session of the HTTP requests that opened it. Its callbacks return
 * plain values: they run on worker threads, and their session is saved before their answer is sent.
 */
@WebSocket(path = "/chat")
public class ChatEndpoint {

    @Inject
    Session session;

    @OnOpen
    String greet() {
        String name = session.get("name", String.class);
        return name == null ? "Hello, stranger" : "Hello, " + name;
    }

    @OnTextMessage
    String message(String text) {
        if (text.startsWith("/nick ")) {
            // Saved when this callback completes: the user's next HTTP request sees the new name.
            session.put("name", text.substring("/nick ".length()));
            return "You are now " + session.get("name", String.class);
        }
        // Read fresh for each message: a name changed over HTTP, or a logout, shows here.
        String name = session.get("name", String.class);
        return (name == null ? "stranger" : name) + ": " + text;
    }

    /** A write without a session (no session cookie at the handshake, or logged out since) fails. */
    @OnError
    String failed(IllegalStateException failure) {
        return "error: " + failure.getMessage();
    }
}
