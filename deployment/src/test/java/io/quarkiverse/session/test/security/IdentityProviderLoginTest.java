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
 * The login of {@code quarkus.session.security} through an application's own {@code IdentityProvider}, with lazy
 * authentication and {@code 401} instead of redirects: the form, the application's own login endpoints
 * ({@code SessionLogin}), the attributes kept, and logouts at a path of the application's choosing.
 */
class IdentityProviderLoginTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(AccountResource.class, LoginResource.class,
                    TestIdentityProvider.class, SessionCookies.class))
            .overrideConfigKey("quarkus.session.security.enabled", "true")
            .overrideConfigKey("quarkus.http.auth.proactive", "false")
            .overrideConfigKey("quarkus.session.security.landing-page", "")
            .overrideConfigKey("quarkus.session.security.error-page", "")
            .overrideConfigKey("quarkus.session.security.login-page", "")
            .overrideConfigKey("quarkus.session.security.username-parameter", "user")
            .overrideConfigKey("quarkus.session.security.password-parameter", "pass")
            .overrideConfigKey("quarkus.session.security.login-path", "/signin")
            .overrideConfigKey("quarkus.session.security.logout-path", "/signout")
            .overrideConfigKey("quarkus.session.security.logout-page", "/goodbye")
            .overrideConfigKey("quarkus.session.security.attributes", "email,teams,level,avatar,friends");

    @Test
    void formLoginThroughTheApplicationsProvider() {
        Response login = client().formParam("user", "carol").formParam("pass", "carol-pw").post("/signin");

        login.then().statusCode(204);
        String id = SessionCookies.issuedId(login);
        as(id).get("/me").then().statusCode(200).body(equalTo("carol"));
        as(id).get("/api/editor").then().statusCode(200).body(equalTo("editor carol"));
        as(id).get("/api/reader").then().statusCode(403);
    }

    @Test
    void onlyTheChosenAttributesOfPlainTypesAreKept() {
        String id = formLogin();

        // The byte array (avatar) is not kept: JSON cannot hold it as is; the token was not chosen.
        as(id).get("/me/attributes").then().statusCode(200)
                .body(equalTo("{email=carol@example.com, friends=[], level=3, teams=[blue]}"));
    }

    @Test
    void wrongPasswordAnswers401WithoutASession() {
        Response failed = client().formParam("user", "carol").formParam("pass", "nope").post("/signin");

        failed.then().statusCode(401);
        assertTrue(SessionCookies.setsNone(failed));
    }

    @Test
    void identityWhosePrincipalNameNoStoreCanIndexIsAFailedLogin() {
        Response failed = client().formParam("user", "long").formParam("pass", "any").post("/signin");

        failed.then().statusCode(401);
        assertTrue(SessionCookies.setsNone(failed));
    }

    @Test
    void anonymousRequestAnswers401() {
        client().get("/me").then().statusCode(401);
    }

    @Test
    void logoutAtTheConfiguredPathRedirectsAndKillsTheCopy() {
        String id = formLogin();

        as(id).post("/signout").then().statusCode(302).header("Location", "/goodbye");

        as(id).get("/me").then().statusCode(401);
    }

    @Test
    void applicationLoginWithPasswordRegeneratesTheIdAndKeepsTheCart() {
        Response visit = client().post("/cart/plum");
        String beforeLogin = SessionCookies.issuedId(visit);

        Response login = as(beforeLogin).formParam("user", "carol").formParam("password", "carol-pw").post("/api/login");

        login.then().statusCode(200).body(equalTo("carol"));
        String afterLogin = SessionCookies.issuedId(login);
        assertNotEquals(beforeLogin, afterLogin);
        as(afterLogin).get("/me").then().statusCode(200).body(equalTo("carol"));
        as(afterLogin).get("/cart").then().statusCode(200).body(equalTo("plum"));
        as(beforeLogin).get("/me").then().statusCode(401);
    }

    @Test
    void applicationLoginWithWrongPasswordChangesNothing() {
        Response visit = client().post("/cart/fig");
        String id = SessionCookies.issuedId(visit);

        Response failed = as(id).formParam("user", "carol").formParam("password", "nope").post("/api/login");

        failed.then().statusCode(401);
        assertTrue(SessionCookies.setsNone(failed));
        as(id).get("/cart").then().statusCode(200).body(equalTo("fig"));
        as(id).get("/me").then().statusCode(401);
    }

    @Test
    void applicationLoginWithAnIdentityItChecked() {
        Response login = client().post("/api/magic-link/erin");

        login.then().statusCode(200);
        String id = SessionCookies.issuedId(login);
        as(id).get("/me").then().statusCode(200).body(equalTo("erin"));
        as(id).get("/api/reader").then().statusCode(200).body(equalTo("reader erin"));
    }

    @Test
    void applicationLogoutKillsTheCopy() {
        String id = formLogin();

        as(id).post("/api/logout").then().statusCode(200).body(equalTo("bye"));

        as(id).get("/me").then().statusCode(401);
    }

    private static String formLogin() {
        Response login = client().formParam("user", "carol").formParam("pass", "carol-pw").post("/signin");
        login.then().statusCode(204);
        return SessionCookies.issuedId(login);
    }

    private static RequestSpecification as(String sessionId) {
        return client().cookie(SessionCookies.DEFAULT_NAME, sessionId);
    }

    private static RequestSpecification client() {
        return given().redirects().follow(false);
    }
}
