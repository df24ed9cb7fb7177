package io.quarkiverse.session.test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusProdModeTest;

/**
 * In production the cookie store refuses to start without a secret, naming the property and the fix; dev and test mode
 * generate a random one instead (every other cookie-store test relies on that).
 */
class CookieSecretRequiredInProductionTest {

    @RegisterExtension
    static final QuarkusProdModeTest APP = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("cookie-secret")
            .setApplicationVersion("0.1")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .setRun(true)
            .setExpectExit(true);

    @Test
    void productionStartupFailsWithoutSecret() {
        assertNotEquals(0, APP.getExitCode(), "startup fails");
        String output = APP.getStartupConsoleOutput();
        assertTrue(output.contains("quarkus.session.secret") && output.contains("openssl rand -base64 48"), output);
    }
}
