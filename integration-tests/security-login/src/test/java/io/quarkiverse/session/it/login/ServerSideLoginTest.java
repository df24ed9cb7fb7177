package io.quarkiverse.session.it.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Server-side login through HTTP, as a browser does it: the form login regenerates the ID and keeps the cart, roles come
 * from the session, a wrong password logs nobody in, "log out everywhere" and logout kill every copy of a cookie at
 * once. Run on the JVM, and against the native executable by {@link ServerSideLoginIT}.
 */
@QuarkusTest
class ServerSideLoginTest {

    private static final String COOKIE = "session_id";

    @Test
    void formLoginRegeneratesTheIdKeepsTheCartAndAuthenticatesFromTheSession() {
        Response visit = given().post("/cart/apple");
        visit.then().statusCode(200);
        String beforeLogin = visit.cookie(COOKIE);
        assertNotNull(beforeLogin);

        String loggedIn = logIn("alice", "alice-secret", beforeLogin);

        assertNotEquals(beforeLogin, loggedIn, "a login gives the session a new ID");
        as(loggedIn).get("/me").then().statusCode(200).body(equalTo("alice [admin, user]"));
        as(loggedIn).get("/admin").then().statusCode(200).body(equalTo("admin of alice"));
        as(loggedIn).get("/cart").then().statusCode(200).body(equalTo("[apple]"));
        as(beforeLogin).get("/me").then().statusCode(401);
        as(beforeLogin).get("/cart").then().statusCode(200).body(equalTo("empty"));
    }

    @Test
    void rolesComeFromTheLogin() {
        String bob = logIn("bob", "bob-secret", null);
        as(bob).get("/me").then().statusCode(200).body(equalTo("bob [user]"));
        as(bob).get("/admin").then().statusCode(403);
    }

    @Test
    void aWrongPasswordLogsNobodyIn() {
        Response refused = given().redirects().follow(false).formParam("j_username", "alice")
                .formParam("j_password", "guess").post("/j_security_check");
        refused.then().statusCode(302).header("Location", "/error");
        given().get("/me").then().statusCode(401);
    }

    @Test
    void logOutEverywhereEndsEveryDeviceOfTheUser() {
        String laptop = logIn("bob", "bob-secret", null);
        as(laptop).post("/logout-everywhere").then().statusCode(200);
        String phone = logIn("bob", "bob-secret", null);
        laptop = logIn("bob", "bob-secret", null);
        String alices = logIn("alice", "alice-secret", null);
        as(phone).get("/devices").then().statusCode(200).body(equalTo("2"));

        as(laptop).post("/logout-everywhere").then().statusCode(200).body(equalTo("2"));

        as(phone).get("/me").then().statusCode(401);
        as(laptop).get("/me").then().statusCode(401);
        as(alices).get("/me").then().statusCode(200);
    }

    @Test
    void logoutKillsACopiedCookie() {
        String session = logIn("alice", "alice-secret", null);
        String copy = session;
        as(session).post("/logout").then().statusCode(204);
        as(copy).get("/me").then().statusCode(401);
    }

    /** Logs in with the form; returns the session cookie of the login. */
    private static String logIn(String user, String password, String cookie) {
        RequestSpecification request = given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", password);
        if (cookie != null) {
            request = request.cookie(COOKIE, cookie);
        }
        Response login = request.post("/j_security_check");
        login.then().statusCode(302).header("Location", "/me");
        String id = login.cookie(COOKIE);
        assertNotNull(id, "the login sets the session cookie");
        return id;
    }

    private static RequestSpecification as(String cookie) {
        return given().redirects().follow(false).cookie(COOKIE, cookie);
    }
}
