package io.quarkiverse.session.scope.websockets;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/**
 * With the default {@code auto}, WebSockets Next activates its session context for an endpoint that depends on a
 * {@code @SessionScoped} bean, here through another bean: the build fails, naming the endpoint, the bean and the
 * property.
 */
class EndpointUsingSessionScopedBeanTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Preferences.class, Greeter.class, Chat.class,
                    ConfigurationErrors.class))
            .assertException(ConfigurationErrors.naming(Chat.class.getName(), Preferences.class.getName(),
                    "quarkus.session.scoped-beans.enabled=false"));

    @Test
    void buildFails() {
        // The assertion is in assertException.
    }

    @SessionScoped
    public static class Preferences {

        String greeting() {
            return "hello";
        }
    }

    @jakarta.enterprise.context.ApplicationScoped
    public static class Greeter {

        @Inject
        Preferences preferences;

        String greet(String name) {
            return preferences.greeting() + " " + name;
        }
    }

    @WebSocket(path = "/chat")
    public static class Chat {

        @Inject
        Greeter greeter;

        @OnTextMessage
        String onMessage(String message) {
            return greeter.greet(message);
        }
    }
}
