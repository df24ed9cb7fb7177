package io.quarkiverse.session.test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusProdModeTest;

/**
 * In production, startup warns, naming the property, about a session cookie without {@code Secure} and about a cookie
 * store without an absolute timeout; the application still starts.
 */
class ProductionWarningsTest {

    @RegisterExtension
    static final QuarkusProdModeTest APP = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("production-warnings")
            .setApplicationVersion("0.1")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-cookie-store")
            .setRuntimeProperties(Map.of("quarkus.http.port", "0"))
            .setRun(true);

    @Test
    void insecureCookieIsReportedAtStartup() {
        assertTrue(warningNaming("quarkus.session.cookie.secure=true"), APP.getStartupConsoleOutput());
    }

    @Test
    void cookieStoreWithoutAbsoluteTimeoutIsReportedAtStartup() {
        assertTrue(warningNaming("Set quarkus.session.absolute-timeout"), APP.getStartupConsoleOutput());
    }

    static boolean warningNaming(String fragment) {
        return APP.getStartupConsoleOutput().lines().anyMatch(line -> line.contains("WARN") && line.contains(fragment));
    }
}
