package io.quarkiverse.session.test.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The cookie store with a header source: the sealed session travels in the header, and every change comes back in it.
 */
class CookieStoreHeaderSourceTest {

    private static final String HEADER = "X-Session";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SourcesResource.class, SourcesResource.Routes.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-header-source-test")
            .overrideConfigKey("quarkus.session.id-sources", "header:X-Session");

    @Test
    void theSealedSessionTravelsInTheHeader() {
        Response created = given().post("/sources/put/sealed");
        created.then().statusCode(200);
        String sealed = created.header(HEADER);
        assertTrue(sealed != null && sealed.length() > 40, "a sealed session: " + sealed);
        assertTrue(SessionCookies.setsNone(created), "no Set-Cookie");
        given().header(HEADER, sealed).get("/sources/get").then().body(equalTo("sealed"));

        Response changed = given().header(HEADER, sealed).post("/sources/put/changed");
        given().header(HEADER, changed.header(HEADER)).get("/sources/get").then().body(equalTo("changed"));
        given().header(HEADER, sealed + "x").get("/sources/get").then().statusCode(200).body(equalTo("null"));
    }
}
