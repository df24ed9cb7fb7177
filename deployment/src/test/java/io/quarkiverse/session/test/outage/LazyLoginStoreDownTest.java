package io.quarkiverse.session.test.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkiverse.session.test.outage.FaultySessionStore.Fault;
import io.quarkiverse.session.test.security.AccountResource;
import io.quarkiverse.session.test.store.ForwardingSessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * With lazy authentication ({@code quarkus.http.auth.proactive=false}) too, a logged-in request whose store is down
 * gets the retryable {@code 503}, not an anonymous answer and not a {@code 500}, when its endpoint asks for the identity,
 * and nothing tries to answer it twice.
 */
class LazyLoginStoreDownTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FaultySessionStore.class, ForwardingSessionStore.class,
                    AccountResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.session.security.enabled", "true")
            .overrideConfigKey("quarkus.http.auth.proactive", "false")
            .overrideConfigKey("quarkus.session.security.login-page", "")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.alice", "alice-secret")
            // One answer per request: a second one would be logged as an error ("Response has already been written").
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.SEVERE.intValue())
            .assertLogRecords(records -> assertEquals(List.of(), records.stream().map(LogRecord::getMessage).toList(),
                    "errors logged"));

    private static FaultySessionStore store() {
        return Arc.container().instance(FaultySessionStore.class).get();
    }

    @AfterEach
    void storeAnswersAgain() {
        store().repair();
    }

    @Test
    void loggedInRequestAnswers503AndIsServedAgainOnceTheStoreAnswers() {
        String id = SessionCookies.issuedId(given().redirects().follow(false).formParam("j_username", "alice")
                .formParam("j_password", "alice-secret").post("/j_security_check"));
        store().breakAll(Fault.REFUSE);

        as(id).get("/me").then().statusCode(503).header("Retry-After", "1");

        store().repair();
        as(id).get("/me").then().statusCode(200).body(equalTo("alice"));
    }

    private static RequestSpecification as(String sessionId) {
        return given().redirects().follow(false).cookie(SessionCookies.DEFAULT_NAME, sessionId);
    }
}
