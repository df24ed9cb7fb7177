package io.quarkiverse.session.test.websockets;

import jakarta.inject.Inject;

import io.quarkiverse.session.Session;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.mutiny.Uni;

/**
 * The chat with callbacks that return a {@link Uni}: they run on the event loop, where the session is loaded before them
 * without blocking, and saved when the {@code Uni} completes.
 */
@WebSocket(path = "/reactive-chat")
public class ReactiveChatEndpoint {

    @Inject
    Session session;

    @OnOpen
    Uni<String> greet() {
        String name = session.get("name", String.class);
        return Uni.createFrom().item(name == null ? "Hello, stranger" : "Hello, " + name);
    }

    @OnTextMessage
    Uni<String> message(String text) {
        if (text.startsWith("/nick ")) {
            session.put("name", text.substring("/nick ".length()));
            return Uni.createFrom().item("You are now " + session.get("name", String.class));
        }
        String name = session.get("name", String.class);
        return Uni.createFrom().item((name == null ? "stranger" : name) + ": " + text);
    }
}
