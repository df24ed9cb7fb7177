package io.quarkiverse.session.test.validation;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionErrorHandler;
import io.quarkiverse.session.SessionErrorResponse;
import io.quarkiverse.session.SessionFailure;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Two session error handlers fail startup naming both, rather than the first request whose store fails.
 */
class TwoSessionErrorHandlersTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FirstHandler.class, SecondHandler.class))
            .assertException(StartupFailure.withMessageContaining(FirstHandler.class.getName(),
                    SecondHandler.class.getName(), "Keep one"));

    @Test
    void startupFailsNamingBothHandlers() {
        Assertions.fail("The application must not start");
    }

    @ApplicationScoped
    public static class FirstHandler implements SessionErrorHandler {

        @Override
        public SessionErrorResponse respond(SessionFailure failure) {
            return failure.defaultResponse();
        }
    }

    @ApplicationScoped
    public static class SecondHandler implements SessionErrorHandler {

        @Override
        public SessionErrorResponse respond(SessionFailure failure) {
            return SessionErrorResponse.withStatus(500);
        }
    }
}
