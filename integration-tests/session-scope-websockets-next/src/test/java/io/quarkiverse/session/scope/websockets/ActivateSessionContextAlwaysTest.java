package io.quarkiverse.session.scope.websockets;

import jakarta.enterprise.context.SessionScoped;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/**
 * {@code activate-session-context=always} makes every {@code @SessionScoped} bean one per WebSocket connection in
 * endpoints: with Quarkus Session's one per HTTP session, the build fails, naming both properties.
 */
class ActivateSessionContextAlwaysTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Preferences.class, Echo.class, ConfigurationErrors.class))
            .overrideConfigKey("quarkus.websockets-next.server.activate-session-context", "always")
            .assertException(ConfigurationErrors.naming("quarkus.websockets-next.server.activate-session-context=always",
                    "quarkus.session.scoped-beans.enabled=false"));

    @Test
    void buildFails() {
        // The assertion is in assertException.
    }

    @SessionScoped
    public static class Preferences {
    }

    @WebSocket(path = "/echo")
    public static class Echo {

        @OnTextMessage
        String echo(String message) {
            return message;
        }
    }
}
