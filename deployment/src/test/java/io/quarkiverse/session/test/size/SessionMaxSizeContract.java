package io.quarkiverse.session.test.size;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.test.SessionCookies;
import io.restassured.response.Response;

/**
 * {@code quarkus.session.max-size}, here 1 KiB: a put that would make the session's encoded keys and values larger fails
 * with {@code SessionTooLargeException}, whose message says the size, the limit and the property but never the value,
 * and the session keeps the values it had. Each store extends this with its configuration.
 * <p>
 * A value of {@code n} characters is {@code n + 2} bytes of JSON and its one-letter key 1 byte.
 */
abstract class SessionMaxSizeContract {

    static final String MAX_SIZE = "1K";
    /** A run of the values' characters long enough that a message quoting the value would contain it. */
    private static final String VALUE_TEXT = "x".repeat(50);

    @Test
    void putOverTheLimitFailsAndKeepsThePreviousValues() {
        String id = newSession("a", 400);
        put(id, "b", 700).then().statusCode(200)
                .body(startsWith(SizedValueResource.TOO_LARGE), containsString("quarkus.session.max-size"),
                        containsString("1106 bytes"), containsString("1024 bytes"), not(containsString(VALUE_TEXT)));
        expectLength(id, "a", "400");
        expectLength(id, "b", "none");
    }

    @Test
    void valuesLoadedFromTheStoreCount() {
        String id = newSession("a", 400);
        put(id, "b", 400).then().statusCode(200).body(equalTo("stored"));
        put(id, "c", 400).then().statusCode(200).body(startsWith(SizedValueResource.TOO_LARGE));
        expectLength(id, "a", "400");
        expectLength(id, "b", "400");
        expectLength(id, "c", "none");
    }

    @Test
    void putUnderTheLimitAfterRemovingSucceeds() {
        String id = newSession("a", 400);
        put(id, "b", 400).then().statusCode(200).body(equalTo("stored"));
        put(id, "c", 400).then().statusCode(200).body(startsWith(SizedValueResource.TOO_LARGE));
        given().cookie(SessionCookies.DEFAULT_NAME, id).delete("/sized/a").then().statusCode(200);
        put(id, "c", 400).then().statusCode(200).body(equalTo("stored"));
        expectLength(id, "a", "none");
        expectLength(id, "c", "400");
    }

    @Test
    void replacedValueCountsOnlyOnce() {
        String id = newSession("a", 900);
        put(id, "a", 1000).then().statusCode(200).body(equalTo("stored"));
        expectLength(id, "a", "1000");
    }

    @Test
    void uncaughtPutOverTheLimitAnswers500WithoutTheValue() {
        String id = newSession("a", 400);
        given().cookie(SessionCookies.DEFAULT_NAME, id).post("/sized/uncaught/b/2000").then().statusCode(500)
                .body(equalTo("The session could not be saved."));
        expectLength(id, "a", "400");
        expectLength(id, "b", "none");
    }

    @Test
    void detachedSessionPutOverTheLimitFailsAndSavesNothing() {
        String id = newSession("a", 400);
        given().post("/sized/detached/" + id + "/b/700").then().statusCode(200)
                .body(startsWith(SizedValueResource.TOO_LARGE), containsString("quarkus.session.max-size"),
                        not(containsString(VALUE_TEXT)));
        expectLength(id, "a", "400");
        expectLength(id, "b", "none");
    }

    private static String newSession(String key, int length) {
        Response response = given().post("/sized/" + key + "/" + length);
        response.then().statusCode(200).body(equalTo("stored"));
        return SessionCookies.issuedId(response);
    }

    private static Response put(String id, String key, int length) {
        return given().cookie(SessionCookies.DEFAULT_NAME, id).post("/sized/" + key + "/" + length);
    }

    private static void expectLength(String id, String key, String length) {
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/sized/" + key).then().statusCode(200)
                .body(equalTo(length));
    }
}
