package io.quarkiverse.session.test.devui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The JSON-RPC methods behind the Dev UI's session pages, on the memory store of a dev-mode application: what a
 * developer sees of the sessions their own requests created, and what invalidating does to those requests.
 */
class SessionDevUiJsonRpcTest extends DevUIJsonRPCTest {

    static final String SECRET = "a-Secret-that-must-never-show-up-in-the-dev-ui-0123456789";

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(CartResource.class)
                    .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                            "quarkus.session.secret=" + SECRET + "\nquarkus.session.idle-timeout=20M\n"),
                            "application.properties"));

    SessionDevUiJsonRpcTest() {
        super("quarkus-session");
    }

    @BeforeEach
    void startFromNoSession() throws Exception {
        executeJsonRPCMethod("invalidateAll");
    }

    @Test
    void storeInfoNamesTheStoreAndCountsLiveSessions() throws Exception {
        newSession("apple", null);
        newSession("pear", null);

        JsonNode info = executeJsonRPCMethod("getStoreInfo");
        assertEquals("memory", info.get("store").asText());
        assertTrue(info.get("keepsSessions").asBoolean());
        assertEquals(2, info.get("count").asInt());
        assertEquals("memory · 2 live", executeJsonRPCMethod("getCardLabel").asText());
    }

    @Test
    void listsSessionsByShortHashWithTheirTimesValuesAndSize() throws Exception {
        String id = newSession("apple", "alice");

        JsonNode page = sessions(null, 50, "");
        assertEquals(1, page.get("sessions").size());
        JsonNode row = page.get("sessions").get(0);
        SessionKey key = SessionKey.ofSessionId(id);
        assertEquals(key.shortHash(), row.get("shortHash").asText());
        assertEquals(2, row.get("values").asInt());
        assertEquals(List.of("cart", "user"), texts(row.get("keys")));
        assertTrue(row.get("size").asLong() > 0);
        assertTrue(row.get("createdAt").asLong() <= row.get("lastAccessedAt").asLong());
        assertTrue(row.get("expiresAt").asLong() > System.currentTimeMillis());
        assertFalse(page.hasNonNull("nextCursor"), "one session, one page");
        // Neither the ID nor the full hash of its key ever reaches the browser.
        assertFalse(page.toString().contains(id), page.toString());
        assertFalse(page.toString().contains(key.toHex()), page.toString());
    }

    @Test
    void pagesThroughTheStoreListing() throws Exception {
        newSession("a", null);
        newSession("b", null);
        newSession("c", null);

        JsonNode first = sessions(null, 2, "");
        assertEquals(2, first.get("sessions").size());
        assertTrue(first.hasNonNull("nextCursor"));
        JsonNode second = sessions(first.get("nextCursor").asText(), 2, "");
        assertEquals(1, second.get("sessions").size());
        assertFalse(second.hasNonNull("nextCursor"));
    }

    @Test
    void filtersByValueKey() throws Exception {
        String loggedIn = newSession("apple", "alice");
        newSession("pear", null);

        JsonNode page = sessions(null, 50, "USE");
        assertFilteredBy("user", SessionKey.ofSessionId(loggedIn).shortHash(), page);
        assertEquals(0, sessions(null, 50, "nothing-has-this-key").get("sessions").size());
    }

    @Test
    void detailShowsTheValuesAsFormattedJson() throws Exception {
        String id = newSession("apple", "alice");
        String handle = SessionKey.ofSessionId(id).shortHash();
        sessions(null, 50, "");

        JsonNode detail = executeJsonRPCMethod("getSession", Map.of("handle", handle));
        String json = detail.get("json").asText();
        JsonNode values = new ObjectMapper().readTree(json);
        assertEquals("alice", values.get("user").asText());
        assertEquals("apple", values.get("cart").get(0).asText());
        assertTrue(json.contains("\n"), "formatted over several lines: " + json);
        assertFalse(detail.toString().contains(id));
    }

    @Test
    void invalidatingOneSessionEndsItForItsClient() throws Exception {
        String id = newSession("apple", null);
        String other = newSession("pear", null);
        sessions(null, 50, "");

        assertTrue(executeJsonRPCMethod("invalidate", Map.of("handle", SessionKey.ofSessionId(id).shortHash()))
                .asBoolean());

        // Its client starts again with an empty cart; the other session is untouched.
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/add/plum").then().statusCode(200)
                .body(equalTo("items 1"));
        given().cookie(SessionCookies.DEFAULT_NAME, other).get("/cart/add/plum").then().statusCode(200)
                .body(equalTo("items 2"));
        assertFalse(executeJsonRPCMethod("invalidate", Map.of("handle", "00000000")).asBoolean(),
                "a handle never listed invalidates nothing");
    }

    @Test
    void invalidatingAllEndsEverySession() throws Exception {
        String id = newSession("apple", null);
        newSession("pear", null);

        assertEquals(2, executeJsonRPCMethod("invalidateAll").asInt());

        assertEquals(0, executeJsonRPCMethod("getStoreInfo").get("count").asInt());
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/add/plum").then().statusCode(200)
                .body(equalTo("items 1"));
    }

    @Test
    void configurationShowsEffectiveSettingsWithTheSecretMasked() throws Exception {
        JsonNode configuration = executeJsonRPCMethod("getConfiguration");
        Map<String, String> properties = new HashMap<>();
        configuration.forEach(property -> properties.put(property.get("name").asText(), property.get("value").asText()));

        assertEquals("PT20M", properties.get("quarkus.session.idle-timeout"), "a configured value");
        assertEquals("session_id", properties.get("quarkus.session.cookie.name"), "a default");
        assertEquals("(not set)", properties.get("quarkus.session.absolute-timeout"));
        assertEquals("65536 bytes", properties.get("quarkus.session.max-size"), "a memory size");
        assertEquals("****** (1 secret, masked)", properties.get("quarkus.session.secret"));
        assertFalse(configuration.toString().contains(SECRET));
    }

    /** Starts a session through the application, and returns its ID. */
    private static String newSession(String item, String user) {
        var request = given();
        if (user != null) {
            request = request.queryParam("user", user);
        }
        return SessionCookies.issuedId(request.get("/cart/add/" + item).then().statusCode(200).extract().response());
    }

    private JsonNode sessions(String cursor, int limit, String keyFilter) throws Exception {
        Map<String, Object> params = new HashMap<>();
        params.put("cursor", cursor);
        params.put("limit", limit);
        params.put("keyFilter", keyFilter);
        return executeJsonRPCMethod("getSessions", params);
    }

    /**
     * Every listed session has the key, and the expected one is among them. Not an exact count: a session of an earlier
     * dev-mode start of this JVM may still be listed (see the note in the Dev UI issue).
     */
    static void assertFilteredBy(String key, String expectedHandle, JsonNode page) {
        List<String> handles = new java.util.ArrayList<>();
        for (JsonNode row : page.get("sessions")) {
            assertTrue(texts(row.get("keys")).contains(key), "listed without the key: " + row);
            handles.add(row.get("shortHash").asText());
        }
        assertTrue(handles.contains(expectedHandle), page.toString());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).sorted().toList();
    }
}
