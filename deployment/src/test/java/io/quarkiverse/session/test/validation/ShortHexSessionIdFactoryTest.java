package io.quarkiverse.session.test.validation;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionIdFactory;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application's session ID factory of hexadecimal IDs long enough for the length rule but not for 128 bits (24 hex
 * digits, 96 bits) fails startup naming the bean and the length its alphabet needs.
 */
class ShortHexSessionIdFactoryTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ShortHexIds.class))
            .assertException(StartupFailure.withMessageContaining(ShortHexIds.class.getName(),
                    "has 24 characters, where 32 to 128 are needed for 128 bits of lower-case hexadecimal digits"));

    @Test
    void startupFailsNamingTheFactoryAndTheLengthOfItsAlphabet() {
        Assertions.fail("The application must not start");
    }

    @ApplicationScoped
    public static class ShortHexIds implements SessionIdFactory {

        private final SecureRandom random = new SecureRandom();

        @Override
        public String newId() {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
