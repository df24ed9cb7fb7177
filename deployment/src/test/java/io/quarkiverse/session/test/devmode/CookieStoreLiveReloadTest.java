package io.quarkiverse.session.test.devmode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.response.Response;

/**
 * Dev mode with the cookie store and no {@code quarkus.session.secret}: the secret generated for development stays the
 * same across a live reload, so a cookie sealed before the reload still opens after it and the developer stays logged
 * in.
 */
class CookieStoreLiveReloadTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(VisitResource.class)
                    .addAsResource(new StringAsset("quarkus.session.store=cookie\n"), "application.properties"));

    @Test
    void cookieSessionsSurviveReload() {
        String cookie = cookieOf(given().get("/visits").then().statusCode(200).body(equalTo("visit 1")).extract()
                .response());
        cookie = cookieOf(given().cookie(SessionCookies.DEFAULT_NAME, cookie).get("/visits").then().statusCode(200)
                .body(equalTo("visit 2")).extract().response());

        DEV.modifySourceFile(VisitResource.class, source -> source.replace("\"visit \"", "\"visit #\""));

        // Sealed before the reload, opened after it: the count goes on.
        given().cookie(SessionCookies.DEFAULT_NAME, cookie).get("/visits").then().statusCode(200)
                .body(equalTo("visit #3"));
    }

    /** The sealed session a response sets: the cookie store writes a new value whenever the session changes. */
    private static String cookieOf(Response response) {
        String header = SessionCookies.header(response, SessionCookies.DEFAULT_NAME).orElseThrow(
                () -> new AssertionError("no session cookie in " + response.headers()));
        int end = header.indexOf(';');
        return header.substring(SessionCookies.DEFAULT_NAME.length() + 1, end < 0 ? header.length() : end);
    }
}
