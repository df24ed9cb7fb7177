package io.quarkiverse.session.test.validation;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionIdFactory;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application's session ID factory that returns the same ID every time, however well it looks, fails startup naming
 * the bean: every client would share one session.
 */
class ConstantSessionIdFactoryTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ConstantIds.class))
            .assertException(StartupFailure.withMessageContaining(ConstantIds.class.getName(),
                    "returned the same session ID twice"));

    @Test
    void startupFailsNamingTheFactory() {
        Assertions.fail("The application must not start");
    }

    @ApplicationScoped
    public static class ConstantIds implements SessionIdFactory {

        @Override
        public String newId() {
            return "Zx8-Qw3_Lm5Rt7Yp9Ab2Cd4Ef6Gh1Jk0";
        }
    }
}
