package io.quarkiverse.session.test.scope;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The cookie store's sessions carry a stable ID in the sealed cookie: {@code @SessionScoped} instances are kept under
 * it, follow it on regenerate and end with the session. Any instance can open those cookies, so startup warns that the
 * beans are local to this instance, naming the property that acknowledges it.
 */
class CookieStoreSessionScopedTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Cart.class, CartLifecycle.class, CartResource.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-session-scoped-cookie-test")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.session.runtime.scope"))
            .assertLogRecords(CookieStoreSessionScopedTest::warnsOnceNamingTheProperty);

    @Test
    void instanceFollowsTheSessionAcrossRequestsAndRegenerate() {
        Response first = given().get("/cart/instance");
        String instance = first.asString();
        String cookie = SessionCookies.issuedValue(first, SessionCookies.DEFAULT_NAME);
        Response again = given().cookie(SessionCookies.DEFAULT_NAME, cookie).get("/cart/instance");
        again.then().statusCode(200).body(equalTo(instance));
        cookie = SessionCookies.header(again, SessionCookies.DEFAULT_NAME).isPresent()
                ? SessionCookies.issuedValue(again, SessionCookies.DEFAULT_NAME)
                : cookie;
        Response regenerated = given().cookie(SessionCookies.DEFAULT_NAME, cookie).post("/cart/regenerate");
        regenerated.then().statusCode(200).body(equalTo(instance));
        given().cookie(SessionCookies.DEFAULT_NAME, SessionCookies.issuedValue(regenerated, SessionCookies.DEFAULT_NAME))
                .get("/cart/instance").then().body(equalTo(instance));
    }

    @Test
    void destroyEndsTheInstance() {
        Response first = given().get("/cart/instance");
        String instance = first.asString();
        String cookie = SessionCookies.issuedValue(first, SessionCookies.DEFAULT_NAME);
        given().cookie(SessionCookies.DEFAULT_NAME, cookie).post("/cart/destroy").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/cart/destroyed").asString().contains(instance));
        // The old cookie, replayed, names an ended session: a new instance, never the destroyed one.
        given().cookie(SessionCookies.DEFAULT_NAME, cookie).get("/cart/instance").then().body(not(equalTo(instance)));
    }

    private static void warnsOnceNamingTheProperty(List<LogRecord> records) {
        List<String> warnings = records.stream()
                .filter(record -> record.getLevel().intValue() == Level.WARNING.intValue())
                .map(record -> record instanceof ExtLogRecord extended ? extended.getFormattedMessage()
                        : record.getMessage())
                .toList();
        assertEquals(1, warnings.size(), "one warning: " + warnings);
        assertTrue(warnings.get(0).contains("quarkus.session.scoped-beans.instance-local=true"), warnings.get(0));
        assertTrue(warnings.get(0).contains("the cookie store"), warnings.get(0));
    }
}
