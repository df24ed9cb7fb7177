package io.quarkiverse.session.it.norest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Sessions work in an application that contains no Quarkus REST: created and read back by plain Vert.x routes, with the
 * cookie and with a path parameter that the route matched, and injected into a reactive route.
 */
@QuarkusTest
class WithoutRestTest {

    private static final String COOKIE = "session_id";

    @Test
    void theApplicationHasNoQuarkusRest() {
        // Else this module would not test what it is for.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.ws.rs.core.Response", false,
                Thread.currentThread().getContextClassLoader()));
    }

    @Test
    void sessionCreatedByRouteIsReadBackWithItsCookie() {
        String id = login("alice");
        given().cookie(COOKIE, id).get("/name").then().statusCode(200).body(equalTo("alice"));
        given().get("/name").then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void sessionIsFoundByThePathParameterOfAPlainRoute() {
        String id = login("bob");
        given().get("/by-id/" + id + "/name").then().statusCode(200).body(equalTo("bob"));
    }

    @Test
    void reactiveRouteInjectsTheSession() {
        String id = login("dave");
        given().cookie(COOKIE, id).get("/greeting").then().statusCode(200).body(equalTo("Hello, dave"));
        // Without a cookie every source is read, the path parameter too, in the request context of the route.
        given().get("/greeting").then().statusCode(200).body(equalTo("Hello, stranger"));
    }

    @Test
    void loggedOutSessionIsGone() {
        String id = login("carol");
        given().cookie(COOKIE, id).post("/logout").then().statusCode(200);
        given().cookie(COOKIE, id).get("/name").then().statusCode(200).body(equalTo("null"));
    }

    static String login(String name) {
        String id = given().post("/login/" + name).then().statusCode(200).extract().cookie(COOKIE);
        assertEquals(32, id.length(), "session ID");
        return id;
    }
}
