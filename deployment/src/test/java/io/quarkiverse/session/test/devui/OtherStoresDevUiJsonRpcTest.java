package io.quarkiverse.session.test.devui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's session methods on a store that answers later and cannot count without listing, the filesystem store:
 * the count, the listing, the detail and invalidating one session, in one dev-mode start.
 */
class OtherStoresDevUiJsonRpcTest extends DevUIJsonRPCTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(CartResource.class)
                    .addAsResource(new StringAsset("quarkus.session.store=filesystem\nquarkus.session.filesystem.path="
                            + Path.of("target", "dev-ui-sessions-" + UUID.randomUUID()).toAbsolutePath() + "\n"),
                            "application.properties"));

    OtherStoresDevUiJsonRpcTest() {
        super("quarkus-session");
    }

    @Test
    void theFilesystemStoreIsListedShownAndInvalidated() throws Exception {
        String id = newSession("apple", "alice");
        String other = newSession("pear", null);

        JsonNode info = executeJsonRPCMethod("getStoreInfo");
        assertEquals("filesystem", info.get("store").asText());
        assertEquals(2, info.get("count").asInt());

        Map<String, Object> params = new HashMap<>();
        params.put("cursor", null);
        params.put("limit", 50);
        params.put("keyFilter", "user");
        JsonNode page = executeJsonRPCMethod("getSessions", params);
        String handle = SessionKey.ofSessionId(id).shortHash();
        SessionDevUiJsonRpcTest.assertFilteredBy("user", handle, page);
        assertFalse(page.toString().contains(id), page.toString());

        JsonNode detail = executeJsonRPCMethod("getSession", Map.of("handle", handle));
        assertTrue(detail.get("json").asText().contains("alice"), detail.toString());

        assertTrue(executeJsonRPCMethod("invalidate", Map.of("handle", handle)).asBoolean());
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/add/plum").then().statusCode(200)
                .body(equalTo("items 1"));
        given().cookie(SessionCookies.DEFAULT_NAME, other).get("/cart/add/plum").then().statusCode(200)
                .body(equalTo("items 2"));
    }

    private static String newSession(String item, String user) {
        var request = given();
        if (user != null) {
            request = request.queryParam("user", user);
        }
        return SessionCookies.issuedId(request.get("/cart/add/" + item).then().statusCode(200).extract().response());
    }
}
