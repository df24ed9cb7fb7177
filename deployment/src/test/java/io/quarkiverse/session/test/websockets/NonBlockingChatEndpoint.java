package io.quarkiverse.session.test.websockets;

import jakarta.inject.Inject;

import io.quarkiverse.session.Session;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.common.annotation.NonBlocking;

/**
 * A callback made to run on the event loop that returns a plain value: it cannot wait for a store that answers later,
 * so with such a store its session fails to load, with an explanation, rather than blocking the event loop.
 */
@WebSocket(path = "/non-blocking-chat")
public class NonBlockingChatEndpoint {

    @Inject
    Session session;

    @OnOpen
    @NonBlocking
    String greet() {
        return "Hello, " + session.get("name", String.class);
    }

    @OnError
    String failed(IllegalStateException failure) {
        return "error: " + failure.getMessage();
    }
}
