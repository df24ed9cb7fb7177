package io.quarkiverse.session.redis.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code quarkus.session.redis.client-name} that names no configured Redis client fails startup, naming the property
 * and what to set.
 */
class UnknownRedisClientTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NotesResource.class))
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.session.redis.client-name", "nowhere")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(failure -> {
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                    if (cause.getClass().getName().equals(ConfigurationException.class.getName()) && cause.getMessage()
                            .contains("quarkus.session.redis.client-name=nowhere")) {
                        assertTrue(cause.getMessage().contains("set quarkus.redis.nowhere.hosts"), cause.getMessage());
                        return;
                    }
                }
                fail("No ConfigurationException naming quarkus.session.redis.client-name", failure);
            });

    @Test
    void startupFails() {
        fail("The application started with a Redis client that is not configured");
    }
}
