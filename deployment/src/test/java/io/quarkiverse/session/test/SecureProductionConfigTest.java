package io.quarkiverse.session.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusProdModeTest;

/**
 * A production configuration with a {@code Secure} cookie and an absolute timeout starts without the warnings of
 * {@link ProductionWarningsTest}.
 */
class SecureProductionConfigTest {

    @RegisterExtension
    static final QuarkusProdModeTest APP = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("secure-production")
            .setApplicationVersion("0.1")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-cookie-store")
            .overrideConfigKey("quarkus.session.cookie.secure", "true")
            .overrideConfigKey("quarkus.session.absolute-timeout", "12H")
            .setRuntimeProperties(Map.of("quarkus.http.port", "0"))
            .setRun(true);

    @Test
    void noWarningAboutTheCookieOrTheTimeout() {
        String output = APP.getStartupConsoleOutput();
        assertTrue(output.contains("started in"), output);
        assertFalse(output.contains("quarkus.session.cookie.secure"), output);
        assertFalse(output.contains("quarkus.session.absolute-timeout"), output);
    }
}
