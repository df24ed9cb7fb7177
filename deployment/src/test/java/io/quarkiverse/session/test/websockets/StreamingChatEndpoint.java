package io.quarkiverse.session.test.websockets;

import jakarta.inject.Inject;

import io.quarkiverse.session.Session;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.mutiny.Multi;

/**
 * A callback that returns a {@link Multi}: it runs on the event loop, its session is loaded before it without blocking,
 * and saved when the {@code Multi} completes.
 */
@WebSocket(path = "/streaming-chat")
public class StreamingChatEndpoint {

    @Inject
    Session session;

    @OnTextMessage
    Multi<String> rename(String name) {
        String before = session.get("name", String.class);
        session.put("name", name);
        return Multi.createFrom().items("You were " + before, "You are now " + name);
    }
}
