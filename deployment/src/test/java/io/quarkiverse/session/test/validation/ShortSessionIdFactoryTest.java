package io.quarkiverse.session.test.validation;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionIdFactory;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application's session ID factory whose IDs are too short, 96 random bits, fails startup naming the bean and the
 * length it needs.
 */
class ShortSessionIdFactoryTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ShortIds.class))
            .assertException(StartupFailure.withMessageContaining(ShortIds.class.getName(),
                    "has 16 characters, where 22 to 128 are needed", "SecureRandom"));

    @Test
    void startupFailsNamingTheFactoryAndTheLength() {
        Assertions.fail("The application must not start");
    }

    @ApplicationScoped
    public static class ShortIds implements SessionIdFactory {

        private final SecureRandom random = new SecureRandom();

        @Override
        public String newId() {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
