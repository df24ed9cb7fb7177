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
 * An application's session ID factory with characters that a cookie, a query parameter or a path segment cannot carry
 * unencoded (here the standard Base64 alphabet and its padding) fails startup naming the bean and the alphabet.
 */
class UrlUnsafeSessionIdFactoryTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PaddedBase64Ids.class))
            .assertException(StartupFailure.withMessageContaining(PaddedBase64Ids.class.getName(),
                    "has a character outside A-Z a-z 0-9 - _", "URL-safe Base64 without padding"));

    @Test
    void startupFailsNamingTheFactoryAndTheAlphabet() {
        Assertions.fail("The application must not start");
    }

    @ApplicationScoped
    public static class PaddedBase64Ids implements SessionIdFactory {

        private final SecureRandom random = new SecureRandom();

        @Override
        public String newId() {
            byte[] bytes = new byte[23];
            random.nextBytes(bytes);
            // 23 bytes: standard Base64 ends with one '=' of padding, whatever the bytes.
            return Base64.getEncoder().encodeToString(bytes);
        }
    }
}
