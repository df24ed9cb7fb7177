package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The cookie never outlives the session: with an absolute timeout shorter than the idle timeout, its {@code Max-Age} is
 * the time left until the absolute deadline.
 */
class CookieLifetimeTest {

    private static final Pattern MAX_AGE = Pattern.compile("; Max-Age=(\\d+)");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NoteResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.idle-timeout", "30M")
            .overrideConfigKey("quarkus.session.absolute-timeout", "60S");

    @Test
    void maxAgeStopsAtTheAbsoluteDeadline() {
        String header = SessionCookies.header(given().post("/note/short-lived"), SessionCookies.DEFAULT_NAME)
                .orElseThrow();
        Matcher maxAge = MAX_AGE.matcher(header);
        assertTrue(maxAge.find(), header);
        long seconds = Long.parseLong(maxAge.group(1));
        assertTrue(seconds > 0 && seconds <= 60, "Max-Age within the 60 s absolute timeout: " + header);
    }
}
