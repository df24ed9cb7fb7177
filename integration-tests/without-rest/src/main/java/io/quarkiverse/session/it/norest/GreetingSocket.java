package io.quarkiverse.session.it.norest;

import jakarta.inject.Inject;

import io.quarkiverse.session.Session;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/**
 * A WebSockets Next endpoint that greets the user by the name a plain route put in the session, and renames them.
 */
@WebSocket(path = "/greetings")
public class GreetingSocket {

    @Inject
    Session session;

    @OnOpen
    String greet() {
        String name = session.get("name", String.class);
        return name == null ? "Hello, stranger" : "Hello, " + name;
    }

    @OnTextMessage
    String rename(String name) {
        session.put("name", name);
        return "You are now " + name;
    }
}
