package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class SessionResourceTest {

    @Test
    public void testHelloEndpoint() {
        given()
                .when().get("/session")
                .then()
                .statusCode(200)
                .body(is("Hello session"));
    }
}
