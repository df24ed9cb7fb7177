package io.quarkiverse.session.test.validation;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionLogin;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application that injects {@link SessionLogin} without enabling the server-side login is told which property to
 * set, rather than only that a dependency is unsatisfied.
 */
class SessionLoginWithoutSecurityTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OwnLogin.class))
            .assertException(StartupFailure.withMessageContaining(OwnLogin.class.getName(),
                    "quarkus.session.security.enabled=true"));

    @Test
    void buildFailsNamingTheProperty() {
        Assertions.fail("The application must not build");
    }

    @Path("/own-login")
    public static class OwnLogin {

        @Inject
        SessionLogin login;

        @POST
        public void logout() {
            login.logout().await().indefinitely();
        }
    }
}
