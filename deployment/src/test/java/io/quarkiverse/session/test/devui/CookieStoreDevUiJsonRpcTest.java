package io.quarkiverse.session.test.devui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.response.Response;

/**
 * The Dev UI on the cookie store, which keeps nothing on the server: it says so instead of counting, and decodes a
 * cookie the developer pastes, showing its values but not the ID it carries; a tampered cookie is refused.
 */
class CookieStoreDevUiJsonRpcTest extends DevUIJsonRPCTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(CartResource.class)
                    .addAsResource(new StringAsset("quarkus.session.store=cookie\n"), "application.properties"));

    CookieStoreDevUiJsonRpcTest() {
        super("quarkus-session");
    }

    @Test
    void thePageExplainsAndDecodesAPastedCookie() throws Exception {
        JsonNode info = executeJsonRPCMethod("getStoreInfo");
        assertEquals("cookie", info.get("store").asText());
        assertFalse(info.get("keepsSessions").asBoolean());
        assertEquals(-1, info.get("count").asInt());

        Response response = given().queryParam("user", "alice").get("/cart/add/apple");
        String header = response.headers().getValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("session_id=")).findFirst().orElseThrow();
        String cookie = header.substring(0, header.indexOf(';'));

        JsonNode decoded = executeJsonRPCMethod("decodeCookie", Map.of("cookieValue", cookie));
        assertTrue(decoded.get("json").asText().contains("alice"), decoded.toString());
        assertEquals(8, decoded.get("shortHash").asText().length());

        String value = cookie.substring("session_id=".length());
        int index = value.length() - 10;
        String tampered = value.substring(0, index) + (value.charAt(index) == 'A' ? 'B' : 'A') + value.substring(index + 1);
        assertTrue(executeJsonRPCMethod("decodeCookie", Map.of("cookieValue", tampered)).hasNonNull("error"));
    }
}
