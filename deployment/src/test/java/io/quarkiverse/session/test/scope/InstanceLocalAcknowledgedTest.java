package io.quarkiverse.session.test.scope;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With a shared store (here the cookie store) and {@code quarkus.session.scoped-beans.instance-local=true}, the
 * application has acknowledged where its {@code @SessionScoped} beans live: no warning at startup.
 */
class InstanceLocalAcknowledgedTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Cart.class, CartLifecycle.class, CartResource.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-instance-local-test")
            .overrideConfigKey("quarkus.session.scoped-beans.instance-local", "true")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.session.runtime.scope"))
            .assertLogRecords(InstanceLocalAcknowledgedTest::noWarning);

    @Test
    void beansWorkWithoutAWarning() {
        Response first = given().get("/cart/instance");
        given().cookie(SessionCookies.DEFAULT_NAME, SessionCookies.issuedValue(first, SessionCookies.DEFAULT_NAME))
                .get("/cart/instance").then().statusCode(200).body(equalTo(first.asString()));
    }

    static void noWarning(List<LogRecord> records) {
        assertTrue(records.stream().noneMatch(record -> record.getLevel().intValue() >= Level.WARNING.intValue()),
                "no warning: " + records.stream().map(LogRecord::getMessage).toList());
    }
}
