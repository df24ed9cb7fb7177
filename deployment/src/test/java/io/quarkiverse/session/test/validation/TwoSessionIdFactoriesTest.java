package io.quarkiverse.session.test.validation;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionIdFactory;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Two session ID factories fail startup naming both: the extension cannot tell which one makes the IDs.
 */
class TwoSessionIdFactoriesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FirstIds.class, SecondIds.class))
            .assertException(StartupFailure.withMessageContaining(FirstIds.class.getName(), SecondIds.class.getName(),
                    "Keep one"));

    @Test
    void startupFailsNamingBothFactories() {
        Assertions.fail("The application must not start");
    }

    @ApplicationScoped
    public static class FirstIds implements SessionIdFactory {

        @Override
        public String newId() {
            return UUID.randomUUID().toString().replace("-", "");
        }
    }

    @ApplicationScoped
    public static class SecondIds implements SessionIdFactory {

        @Override
        public String newId() {
            return "x" + UUID.randomUUID().toString().replace("-", "");
        }
    }
}
