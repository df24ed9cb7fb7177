package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.websockets.ChatEndpoint;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A WebSocket endpoint that uses the session cannot work with the cookie store, which keeps the session in the client's
 * cookie: startup fails, naming the endpoint, the property and the fix.
 */
class WebSocketCookieStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ChatEndpoint.class))
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-websocket-store-test")
            .assertException(StartupFailure.withMessageContaining(ChatEndpoint.class.getName(), "cookie store",
                    "quarkus.session.store"));

    @Test
    void startupFailsNamingTheEndpointAndTheProperty() {
        Assertions.fail("The application must not start");
    }
}
