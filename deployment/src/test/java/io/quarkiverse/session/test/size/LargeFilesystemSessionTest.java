package io.quarkiverse.session.test.size;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A session within a raised {@code quarkus.session.max-size} fits in a filesystem store file: the store's file size limit
 * follows the session size limit instead of staying at its 1 MiB default.
 */
class LargeFilesystemSessionTest {

    private static final int LENGTH = 1536 * 1024;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SizedValueResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path", "target/large-sessions-" + UUID.randomUUID())
            .overrideConfigKey("quarkus.session.max-size", "2M")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void aSessionAboveOneMebibyteIsStoredAndReadBack() {
        String id = given().post("/sized/a/" + LENGTH).then().statusCode(200).body(equalTo("stored"))
                .extract().cookie(SessionCookies.DEFAULT_NAME);
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/sized/a").then().statusCode(200)
                .body(equalTo(Integer.toString(LENGTH)));
    }
}
