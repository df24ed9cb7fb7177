package io.quarkiverse.session.test.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkiverse.session.test.outage.FaultySessionStore.Fault;
import io.quarkiverse.session.test.security.AccountResource;
import io.quarkiverse.session.test.store.ForwardingSessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * While the store is down, a logged-in user is neither logged out nor let in: requests with a session get the
 * retryable {@code 503}, and the login is served again, intact, once the store answers. A login that cannot be saved
 * answers {@code 503} and hands out no cookie.
 */
class LoginStoreDownTest {

    private static final String UNAVAILABLE = "Session store unavailable, please retry.";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FaultySessionStore.class, ForwardingSessionStore.class,
                    AccountResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.session.security.enabled", "true")
            .overrideConfigKey("quarkus.session.security.login-page", "")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.alice", "alice-secret");

    private static FaultySessionStore store() {
        return Arc.container().instance(FaultySessionStore.class).get();
    }

    @AfterEach
    void storeAnswersAgain() {
        store().repair();
    }

    @Test
    void loggedInRequestAnswers503AndIsServedAgainOnceTheStoreAnswers() {
        String id = SessionCookies.issuedId(login());
        store().breakAll(Fault.REFUSE);

        as(id).get("/me").then().statusCode(503).header("Retry-After", "1").body(equalTo(UNAVAILABLE));

        store().repair();
        as(id).get("/me").then().statusCode(200).body(equalTo("alice"));
    }

    @Test
    void loginThatCannotBeSavedAnswers503WithoutCookie() {
        store().breakWrites(Fault.REFUSE);

        Response login = login();

        login.then().statusCode(503).header("Retry-After", "1");
        assertTrue(SessionCookies.setsNone(login), "no cookie for a login that was never stored");
    }

    @Test
    void requestWithoutSessionIsAnonymousWithoutAskingTheStore() {
        store().breakAll(Fault.REFUSE);

        given().get("/me").then().statusCode(401);
    }

    private static Response login() {
        return given().redirects().follow(false).formParam("j_username", "alice").formParam("j_password", "alice-secret")
                .post("/j_security_check");
    }

    private static RequestSpecification as(String sessionId) {
        return given().redirects().follow(false).cookie(SessionCookies.DEFAULT_NAME, sessionId);
    }
}
