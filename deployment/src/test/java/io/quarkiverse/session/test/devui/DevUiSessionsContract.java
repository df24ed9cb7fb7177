package io.quarkiverse.session.test.devui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.StreamSupport;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.specification.RequestSpecification;

/**
 * What the Dev UI's Sessions page does on a store that keeps sessions, checked through its JSON-RPC methods on a
 * dev-mode application whose sessions are created by HTTP requests to {@link CartResource}: the card's store name and
 * count, the listing paged through the store's own cursor, the filter by value key, one session's values, invalidating
 * one session and all of them. A session that expired is neither counted nor listed, though the store may still hold
 * it until its sweep. A store's test extends it with the {@link #devModeApplication} of its own configuration, and
 * names the store.
 * <p>
 * All the checks run in one test, so one dev-mode start per store. The test starts by invalidating every session
 * through the page's own method: the store may hold sessions it did not create, a store on a shared server or, for the
 * memory store, sessions kept across live reloads; counts are then exact. Only methods that answer something are
 * called: {@code DevUIJsonRPCTest} takes a {@code null} answer for no answer, and fails after half a minute.
 * <p>
 * The application listens on a free port of its own, not on {@code QuarkusDevModeTest}'s 8080: another Quarkus test of
 * the same machine on 8080 would otherwise answer in its place, or invalidate its sessions (a start that finds its port
 * taken does not stop the test). The test first makes sure that its application started without error.
 */
public abstract class DevUiSessionsContract extends DevUIJsonRPCTest {

    private final int port;

    /** @param port the port of the test's application, {@link #freePort()} given to {@link #devModeApplication} */
    protected DevUiSessionsContract(int port) {
        super("quarkus-session", "http://localhost:" + port);
        this.port = port;
    }

    /** The store's name as the card shows it, {@code quarkus.session.store}. */
    protected abstract String storeName();

    /** The test's application, made by {@link #devModeApplication}. */
    protected abstract QuarkusDevModeTest devMode();

    /**
     * A dev-mode application of {@link CartResource} on the port, with the given {@code application.properties}, whose
     * errors the test reads.
     */
    protected static QuarkusDevModeTest devModeApplication(int port, String applicationProperties) {
        String properties = "quarkus.http.port=" + port + "\n" + applicationProperties + "\n";
        return new QuarkusDevModeTest()
                .withApplicationRoot(jar -> jar.addClasses(CartResource.class)
                        .addAsResource(new StringAsset(properties), "application.properties"))
                .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.SEVERE.intValue());
    }

    @Test
    protected void theSessionsPageListsShowsAndInvalidatesTheStoresSessions() throws Exception {
        List<String> errors = devMode().getLogRecords().stream().map(LogRecord::getMessage).toList();
        assertEquals(List.of(), errors, "the application did not start cleanly");
        executeJsonRPCMethod("invalidateAll");
        assertEquals(0, count(), "no session after invalidating all");
        if (indexesPrincipals()) {
            findsAndLogsOutTheSessionsOfAPrincipal();
        }

        newSession("fig", null, 1);
        long expiredBy = System.currentTimeMillis() + 1_000;
        String alice = newSession("apple", "alice");
        String pear = newSession("pear", null);
        String plum = newSession("plum", null);
        // Its deadline is 1 s after its request was served, which was before its response came back.
        Thread.sleep(Math.max(0, expiredBy + 100 - System.currentTimeMillis()));

        cardNamesTheStoreAndCountsLiveSessions(3);
        listsByShortHashWithTimesValuesAndSize(alice);
        pagesThroughTheStoreListing(Set.of(handle(alice), handle(pear), handle(plum)));
        filtersByValueKey(handle(alice));
        detailShowsTheValuesAsFormattedJson(alice);
        invalidatingOneEndsItForItsClientOnly(alice, pear);
        invalidatingAllEndsEverySession(pear);
    }

    /**
     * Whether the store keeps a principal index, whose lookup and "log out everywhere" the page offers: {@code true}
     * unless a store's test says otherwise.
     */
    protected boolean indexesPrincipals() {
        return true;
    }

    private void findsAndLogsOutTheSessionsOfAPrincipal() throws Exception {
        String laptop = newSession("tea", null, null, "carol");
        String phone = newSession("cake", null, null, "carol");
        newSession("bread", null, null, "dave");
        JsonNode page = executeJsonRPCMethod("getSessionsOfPrincipal", Map.of("principal", "carol"));
        assertEquals(Set.of(handle(laptop), handle(phone)), Set.copyOf(handles(page)), page.toString());
        assertEquals("carol", rowOf(page, handle(phone)).get("principal").asText());
        assertFalse(page.toString().contains(SessionKey.ofSessionId(phone).toHex()), page.toString());

        assertEquals(2, executeJsonRPCMethod("invalidatePrincipal", Map.of("principal", "carol")).asInt());
        assertEquals(0, executeJsonRPCMethod("getSessionsOfPrincipal", Map.of("principal", "carol")).get("sessions")
                .size());
        assertEquals(1, count(), "another user's session stays");
        executeJsonRPCMethod("invalidateAll");
    }

    private void cardNamesTheStoreAndCountsLiveSessions(int live) throws Exception {
        JsonNode info = executeJsonRPCMethod("getStoreInfo");
        assertEquals(storeName(), info.get("store").asText());
        assertTrue(info.get("keepsSessions").asBoolean());
        assertEquals(live, info.get("count").asInt());
        assertFalse(info.get("countCapped").asBoolean());
        assertEquals(storeName() + " · " + live + " live", executeJsonRPCMethod("getCardLabel").asText());
    }

    private void listsByShortHashWithTimesValuesAndSize(String id) throws Exception {
        JsonNode page = sessions(null, 50, "");
        assertEquals(3, page.get("sessions").size(), page.toString());
        assertFalse(page.hasNonNull("nextCursor"), "all sessions in one page: " + page);
        JsonNode row = rowOf(page, handle(id));
        assertEquals(2, row.get("values").asInt());
        assertEquals(List.of("cart", "user"), texts(row.get("keys")));
        assertTrue(row.get("size").asLong() > 0);
        assertTrue(row.get("createdAt").asLong() <= row.get("lastAccessedAt").asLong(), row.toString());
        assertTrue(row.get("expiresAt").asLong() > System.currentTimeMillis(), row.toString());
        // Neither the ID nor the full hash of its key ever reaches the browser.
        assertFalse(page.toString().contains(id), page.toString());
        assertFalse(page.toString().contains(SessionKey.ofSessionId(id).toHex()), page.toString());
    }

    private void pagesThroughTheStoreListing(Set<String> all) throws Exception {
        JsonNode first = sessions(null, 2, "");
        assertEquals(2, first.get("sessions").size(), first.toString());
        assertTrue(first.hasNonNull("nextCursor"), first.toString());
        JsonNode second = sessions(first.get("nextCursor").asText(), 2, "");
        assertEquals(1, second.get("sessions").size(), second.toString());
        assertFalse(second.hasNonNull("nextCursor"), second.toString());

        Set<String> listed = new TreeSet<>(handles(first));
        listed.addAll(handles(second));
        assertEquals(new TreeSet<>(all), listed, "each session on exactly one of the pages");
    }

    private void filtersByValueKey(String loggedIn) throws Exception {
        JsonNode page = sessions(null, 50, "USE");
        assertEquals(List.of(loggedIn), handles(page), "only the session with a key containing it, ignoring case");
        assertEquals(0, sessions(null, 50, "nothing-has-this-key").get("sessions").size());

        JsonNode firstOfOne = sessions(null, 1, "cart");
        assertEquals(1, firstOfOne.get("sessions").size(), firstOfOne.toString());
        assertTrue(firstOfOne.hasNonNull("nextCursor"), "a filtered page goes on from where it stopped");
    }

    private void detailShowsTheValuesAsFormattedJson(String id) throws Exception {
        JsonNode detail = executeJsonRPCMethod("getSession", Map.of("handle", handle(id)));
        String json = detail.get("json").asText();
        JsonNode values = new ObjectMapper().readTree(json);
        assertEquals("alice", values.get("user").asText());
        assertEquals("apple", values.get("cart").get(0).asText());
        assertTrue(json.contains("\n"), "formatted over several lines: " + json);
        assertFalse(detail.toString().contains(id), detail.toString());
    }

    private void invalidatingOneEndsItForItsClientOnly(String id, String other) throws Exception {
        assertTrue(executeJsonRPCMethod("invalidate", Map.of("handle", handle(id))).asBoolean());
        assertEquals(2, count());

        // Its client starts again with an empty cart, in a new session; the other session is untouched.
        String again = SessionCookies.issuedId(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/add/kiwi")
                .then().statusCode(200).body(equalTo("items 1")).extract().response());
        assertNotEquals(id, again);
        client().cookie(SessionCookies.DEFAULT_NAME, other).get("/cart/add/kiwi").then().statusCode(200)
                .body(equalTo("items 2"));
        assertFalse(executeJsonRPCMethod("invalidate", Map.of("handle", "00000000")).asBoolean(),
                "a handle never listed invalidates nothing");
    }

    private void invalidatingAllEndsEverySession(String id) throws Exception {
        int deleted = executeJsonRPCMethod("invalidateAll").asInt();
        assertTrue(deleted == 3 || deleted == 4, "the 3 live sessions, and the expired one if the store still held it: "
                + deleted);
        assertEquals(0, count());
        assertEquals(0, sessions(null, 50, "").get("sessions").size());
        client().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/add/kiwi").then().statusCode(200)
                .body(equalTo("items 1"));
    }

    /** A port that no application listens on now. */
    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a session through the application, and returns its ID. */
    protected String newSession(String item, String user) {
        return newSession(item, user, null);
    }

    /** Starts a session through the application that expires after {@code idleSeconds} unused, and returns its ID. */
    protected String newSession(String item, String user, Integer idleSeconds) {
        return newSession(item, user, idleSeconds, null);
    }

    /** Starts a session through the application, bound to a principal if {@code login} is not null. */
    protected String newSession(String item, String user, Integer idleSeconds, String login) {
        var request = client();
        if (login != null) {
            request = request.queryParam("login", login);
        }
        if (user != null) {
            request = request.queryParam("user", user);
        }
        if (idleSeconds != null) {
            request = request.queryParam("idleSeconds", idleSeconds);
        }
        return SessionCookies.issuedId(request.get("/cart/add/" + item).then().statusCode(200).extract().response());
    }

    /** Requests to the test's application. */
    protected RequestSpecification client() {
        return given().port(port);
    }

    private int count() throws Exception {
        return executeJsonRPCMethod("getStoreInfo").get("count").asInt();
    }

    private JsonNode sessions(String cursor, int limit, String keyFilter) throws Exception {
        Map<String, Object> params = new HashMap<>();
        params.put("cursor", cursor);
        params.put("limit", limit);
        params.put("keyFilter", keyFilter);
        return executeJsonRPCMethod("getSessions", params);
    }

    private static String handle(String sessionId) {
        return SessionKey.ofSessionId(sessionId).shortHash();
    }

    private static JsonNode rowOf(JsonNode page, String handle) {
        for (JsonNode row : page.get("sessions")) {
            if (row.get("shortHash").asText().equals(handle)) {
                return row;
            }
        }
        throw new AssertionError("Not listed: " + handle + " in " + page);
    }

    private static List<String> handles(JsonNode page) {
        return StreamSupport.stream(page.get("sessions").spliterator(), false)
                .map(row -> row.get("shortHash").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).sorted().toList();
    }
}
