package io.quarkiverse.session.test.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The login form of {@code quarkus.session.security} with the embedded users of
 * {@code quarkus-elytron-security-properties-file}, proactive authentication and redirects to the configured pages:
 * the login lives in the memory store, so a logout, a deleted session or an expired one ends it at once, whatever copies
 * of the cookie exist.
 */
class FormLoginTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(AccountResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.session.security.enabled", "true")
            .overrideConfigKey("quarkus.session.security.landing-page", "/welcome")
            .overrideConfigKey("quarkus.session.security.error-page", "/login-error")
            .overrideConfigKey("quarkus.session.security.login-page", "/login")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.alice", "alice-secret")
            .overrideConfigKey("quarkus.security.users.embedded.roles.alice", "admin,user")
            .overrideConfigKey("quarkus.security.users.embedded.users.bob", "bob-secret")
            .overrideConfigKey("quarkus.security.users.embedded.roles.bob", "user")
            .overrideConfigKey("quarkus.security.users.embedded.users.dave", "dave-secret")
            .overrideConfigKey("quarkus.security.users.embedded.roles.dave", "user")
            .overrideConfigKey("quarkus.http.auth.permission.admin-area.paths", "/admin-area/*")
            .overrideConfigKey("quarkus.http.auth.permission.admin-area.policy", "admins")
            .overrideConfigKey("quarkus.http.auth.policy.admins.roles-allowed", "admin");

    @Test
    void loginRedirectsToTheLandingPageAndAuthenticatesLaterRequests() {
        Response login = login("alice", "alice-secret", null);
        login.then().statusCode(302).header("Location", "/welcome");
        String id = SessionCookies.issuedId(login);

        as(id).get("/me").then().statusCode(200).body(equalTo("alice"));
    }

    @Test
    void loginRegeneratesTheIdKeepsTheCartAndKillsThePreLoginCookie() {
        Response visit = client().post("/cart/apple");
        visit.then().statusCode(200);
        String beforeLogin = SessionCookies.issuedId(visit);

        String afterLogin = SessionCookies.issuedId(login("bob", "bob-secret", beforeLogin));

        assertNotEquals(beforeLogin, afterLogin);
        as(afterLogin).get("/cart").then().statusCode(200).body(equalTo("apple"));
        as(afterLogin).get("/me").then().statusCode(200).body(equalTo("bob"));
        // Whoever planted or copied the pre-login ID holds nothing: neither the login nor the cart.
        expectLoginPage(as(beforeLogin).get("/me"));
        as(beforeLogin).get("/cart").then().statusCode(200).body(equalTo("empty"));
    }

    @Test
    void loginAgainAsTheSameUserStillRegeneratesTheId() {
        String first = loggedIn("alice");

        String second = SessionCookies.issuedId(login("alice", "alice-secret", first));

        assertNotEquals(first, second);
        as(second).get("/me").then().statusCode(200).body(equalTo("alice"));
        expectLoginPage(as(first).get("/me"));
    }

    @Test
    void sessionUnboundFromItsPrincipalIsAnonymous() {
        String id = loggedIn("bob");

        as(id).post("/me/unbind").then().statusCode(200);

        expectLoginPage(as(id).get("/me"));
    }

    @Test
    void sessionBoundToAnotherPrincipalWithoutALoginIsAnonymous() {
        String id = loggedIn("bob");

        String rebound = SessionCookies.issuedId(as(id).post("/me/rebind/mallory"));

        expectLoginPage(as(rebound).get("/me"));
    }

    @Test
    void anonymousRequestIsRedirectedToTheLoginPage() {
        expectLoginPage(client().get("/me"));
    }

    @Test
    void rolesAllowedComesFromTheSession() {
        as(loggedIn("alice")).get("/admin").then().statusCode(200).body(equalTo("admin of alice"));
        as(loggedIn("bob")).get("/admin").then().statusCode(403);
    }

    @Test
    void httpPermissionPolicyComesFromTheSession() {
        as(loggedIn("alice")).get("/admin-area/report").then().statusCode(200).body(equalTo("report for alice"));
        as(loggedIn("bob")).get("/admin-area/report").then().statusCode(403);
        expectLoginPage(client().get("/admin-area/report"));
    }

    @Test
    void wrongPasswordRedirectsToTheErrorPageAndChangesNothing() {
        Response visit = client().post("/cart/pear");
        String id = SessionCookies.issuedId(visit);

        Response failed = login("alice", "wrong", id);

        failed.then().statusCode(302).header("Location", "/login-error");
        assertTrue(SessionCookies.setsNone(failed), "a failed login must not touch the session cookie");
        as(id).get("/cart").then().statusCode(200).body(equalTo("pear"));
        expectLoginPage(as(id).get("/me"));
    }

    @Test
    void missingPasswordIsAFailedLogin() {
        Response failed = client().formParam("j_username", "alice").post("/j_security_check");

        failed.then().statusCode(302).header("Location", "/login-error");
        assertTrue(SessionCookies.setsNone(failed));
    }

    @Test
    void logoutKillsEveryCopyOfTheCookie() {
        String id = loggedIn("alice");
        String copy = id;

        Response logout = as(id).post("/logout");

        logout.then().statusCode(204);
        assertTrue(SessionCookies.header(logout, SessionCookies.DEFAULT_NAME).orElseThrow().contains("Max-Age=0"),
                "the logout must clear the cookie");
        expectLoginPage(as(copy).get("/me"));
    }

    @Test
    void sessionDeletedByIdIsAnonymousAtOnce() {
        String id = loggedIn("bob");
        as(id).get("/me").then().statusCode(200);

        client().formParam("id", id).post("/sessions/delete").then().statusCode(200).body(equalTo("true"));

        expectLoginPage(as(id).get("/me"));
    }

    @Test
    void logoutEverywhereEndsEveryDeviceOfThePrincipal() {
        String laptop = loggedIn("dave");
        String phone = loggedIn("dave");
        String someoneElse = loggedIn("bob");

        client().post("/sessions/delete-principal/dave").then().statusCode(200).body(equalTo("2"));

        expectLoginPage(as(laptop).get("/me"));
        expectLoginPage(as(phone).get("/me"));
        as(someoneElse).get("/me").then().statusCode(200).body(equalTo("bob"));
    }

    @Test
    void expiredSessionIsAnonymous() throws InterruptedException {
        String id = loggedIn("alice");
        as(id).post("/me/idle-timeout/300").then().statusCode(200);

        Thread.sleep(700);

        expectLoginPage(as(id).get("/me"));
    }

    /** Logs in through the form and returns the new session ID. */
    private static String loggedIn(String user) {
        Response login = login(user, user + "-secret", null);
        login.then().statusCode(302).header("Location", "/welcome");
        return SessionCookies.issuedId(login);
    }

    private static Response login(String user, String password, String sessionId) {
        RequestSpecification request = client().formParam("j_username", user).formParam("j_password", password);
        if (sessionId != null) {
            request.cookie(SessionCookies.DEFAULT_NAME, sessionId);
        }
        return request.post("/j_security_check");
    }

    private static void expectLoginPage(Response response) {
        response.then().statusCode(302).header("Location", "/login");
    }

    private static RequestSpecification as(String sessionId) {
        return client().cookie(SessionCookies.DEFAULT_NAME, sessionId);
    }

    private static RequestSpecification client() {
        return given().redirects().follow(false);
    }
}
