package io.quarkiverse.session.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class SessionLifecycleTest {

    private static final String WELL_FORMED_BUT_UNKNOWN = HostileCookies.WELL_FORMED_BUT_UNKNOWN;

    // ---- laziness

    @Test
    void endpointWithoutSessionSendsNoCookieAndStoresNothing() {
        int before = storeSize();
        Response response = given().cookie(SessionCookies.NAME, newSession()).get("/no-session");
        response.then().statusCode(200);
        assertTrue(SessionCookies.headers(response).isEmpty(), "no Set-Cookie");
        assertEquals(before + 1, storeSize(), "only the session made by newSession() was stored");
    }

    @Test
    void injectedButUnusedSessionSendsNoCookie() {
        Response response = given().cookie(SessionCookies.NAME, newSession()).get("/probe/untouched");
        response.then().statusCode(200).body(equalTo("untouched"));
        assertTrue(SessionCookies.headers(response).isEmpty(), "no Set-Cookie");
    }

    @Test
    void newVisitorThatOnlyReadsGetsNoCookieAndNothingIsStored() {
        int before = storeSize();
        Response response = given().get("/cart");
        response.then().statusCode(200).body("size()", is(0));
        assertTrue(SessionCookies.headers(response).isEmpty(), "no Set-Cookie for an empty new session");
        assertEquals(before, storeSize());
    }

    // ---- metrics and health

    /** The store of this test's profile, as the meters and the readiness check name it. */
    String storeName() {
        return "memory";
    }

    @Test
    void theStoreIsReadyAndItsMetersCountEachNewSession() {
        double before = StoreObservability.createdSessions(storeName());
        newSession();
        assertEquals(before + 1, StoreObservability.createdSessions(storeName()));
        StoreObservability.assertStoreReady(storeName());
    }

    // ---- cookie and counter

    @Test
    void writesResendTheCookieOnlyWhenTheClientsCopyNeedsIt() {
        String id = newSession();
        Response first = given().cookie(SessionCookies.NAME, id).post("/probe/put?key=a&value=1");
        Response second = given().cookie(SessionCookies.NAME, id).post("/probe/put?key=b&value=2");
        // With a 30-minute idle timeout the cookie's Max-Age is refreshed once a minute; within seconds at most one
        // minute boundary lies between the session's creation and the second write, so one write at least sends nothing.
        assertFalse(SessionCookies.header(first).isPresent() && SessionCookies.header(second).isPresent(),
                "the client's cookie is still good");
        given().cookie(SessionCookies.NAME, id).get("/probe/value?key=b").then().body(equalTo("2"));
        Response regenerated = given().cookie(SessionCookies.NAME, id).post("/probe/regenerate");
        assertNotEquals(id, SessionCookies.issuedId(regenerated), "a new ID is always sent");
    }

    @Test
    void firstWriteSetsCookieWithConfiguredAttributes() {
        Response response = given().get("/visits");
        response.then().statusCode(200).body(equalTo("1"));
        String header = SessionCookies.header(response).orElseThrow();
        SessionCookies.issuedId(response);
        assertTrue(header.contains("; Path=/"), header);
        assertTrue(header.contains("; HttpOnly"), header);
        assertTrue(header.contains("; SameSite=Lax"), header);
        assertTrue(header.contains("; Max-Age=1800"), header);
        assertFalse(header.contains("Secure"), header);
        assertFalse(header.contains("Domain"), header);
    }

    @Test
    void returningVisitorCountsUp() {
        String id = SessionCookies.issuedId(given().get("/visits"));
        given().cookie(SessionCookies.NAME, id).get("/visits").then().body(equalTo("2"));
        given().cookie(SessionCookies.NAME, id).get("/visits").then().body(equalTo("3"));
    }

    @Test
    void storeKeysSessionsByHashOfIdNeverTheId() throws Exception {
        String id = newSession();
        // The raw content of the store (file names and bytes, or keys and value bytes), not its listing of keys.
        String held = given().get("/store/raw").asString();
        assertTrue(held.contains(sha256Hex(id)), "the store holds the SHA-256 of the ID");
        assertTrue(held.contains("seed"), "the listing shows what the store holds, values included");
        assertFalse(held.contains(id), "the store never holds the ID itself");
    }

    // ---- hostile input

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#corpus")
    void malformedOrUnknownIdIsTreatedAsNoSession(String hostile) {
        Response response = given().cookie(SessionCookies.NAME, hostile).get("/visits");
        response.then().statusCode(200).body(equalTo("1"));
        assertNotEquals(hostile, SessionCookies.issuedId(response), "a client cannot choose its session ID");
    }

    @ParameterizedTest
    @MethodSource("io.quarkiverse.session.it.HostileCookies#rawCookieHeaders")
    void rawHostileCookieHeadersAreTreatedAsNoSession(List<String> cookieHeaders) throws Exception {
        HostileCookies.expectNoSessionOrRefused(RawHttp.get("/visits", cookieHeaders), cookieHeaders);
    }

    @Test
    void liveIdWithOneCharacterFlippedIsNoSessionAndLeavesTheLiveOneAlone() {
        String live = newSession();
        String flipped = HostileCookies.flippedCharacter(live);
        Response response = given().cookie(SessionCookies.NAME, flipped).get("/visits");
        response.then().statusCode(200).body(equalTo("1"));
        String issued = SessionCookies.issuedId(response);
        assertFalse(issued.equals(live) || issued.equals(flipped), "a new ID");
        given().cookie(SessionCookies.NAME, live).get("/probe/value?key=seed").then().body(equalTo("1"));
    }

    @Test
    void unknownIdIsNeverAdopted() {
        Response response = given().cookie(SessionCookies.NAME, WELL_FORMED_BUT_UNKNOWN).post("/probe/put?key=k&value=v");
        assertNotEquals(WELL_FORMED_BUT_UNKNOWN, SessionCookies.issuedId(response));
        given().cookie(SessionCookies.NAME, WELL_FORMED_BUT_UNKNOWN).get("/probe/value?key=k").then()
                .body(equalTo("<absent>"));
    }

    @Test
    void unencodableValueIsAClearErrorNamingKeyAndType() {
        given().post("/probe/put-unencodable").then().statusCode(200)
                .body(containsString("'lock'"), containsString("Unencodable"));
    }

    // ---- the shop: cart, login, profile, logout

    @Test
    void loginRegeneratesIdAndKeepsCart() {
        String anonymous = SessionCookies.issuedId(addToCart(null, "apple", 3));
        Response login = login(anonymous, "alice", "wonderland");
        login.then().statusCode(200);
        String loggedIn = SessionCookies.issuedId(login);
        assertNotEquals(anonymous, loggedIn, "login changes the session ID");

        given().cookie(SessionCookies.NAME, loggedIn).get("/cart").then()
                .body("sku", contains("apple")).body("quantity", contains(3));
        given().cookie(SessionCookies.NAME, anonymous).get("/cart").then().body("size()", is(0));
    }

    @Test
    void profileRequiresLoginAndRoundTripsRecord() {
        given().get("/account/profile").then().statusCode(401);
        String id = SessionCookies.issuedId(login(null, "bob", "builder"));
        given().cookie(SessionCookies.NAME, id).get("/account/profile").then().statusCode(200)
                .body("username", equalTo("bob")).body("displayName", equalTo("Bob"))
                .body("roles", contains("customer"));
    }

    @Test
    void wrongPasswordChangesNothing() {
        Response response = login(null, "alice", "guess");
        response.then().statusCode(401);
        assertTrue(SessionCookies.headers(response).isEmpty());
    }

    @Test
    void logoutResetsSessionAndClearsCookie() {
        String id = SessionCookies.issuedId(login(null, "alice", "wonderland"));
        Response logout = given().cookie(SessionCookies.NAME, id).post("/account/logout");
        logout.then().statusCode(200);
        assertTrue(SessionCookies.clears(logout), "logout clears the cookie: " + SessionCookies.headers(logout));
        given().cookie(SessionCookies.NAME, id).get("/account/profile").then().statusCode(401);
    }

    @Test
    void aUserListsTheirDevicesAndLogsThemOut() {
        assumeTrue(indexesPrincipals(), "this store's principal index is not there yet");
        // Other runs on the same store may have left carol logged in: everywhere out first.
        String first = SessionCookies.issuedId(loginFrom("first"));
        given().cookie(SessionCookies.NAME, first).post("/account/logout-everywhere").then().statusCode(200);
        given().cookie(SessionCookies.NAME, first).get("/account/profile").then().statusCode(401);

        String laptop = SessionCookies.issuedId(loginFrom("laptop"));
        String phone = SessionCookies.issuedId(loginFrom("phone"));
        String tablet = SessionCookies.issuedId(loginFrom("tablet"));
        Response devices = given().cookie(SessionCookies.NAME, laptop).get("/account/devices");
        devices.then().statusCode(200).body("size()", is(3));
        assertEquals(List.of("laptop", "phone", "tablet"), devices.jsonPath().getList("name", String.class).stream()
                .sorted().toList());
        assertEquals(List.of("laptop"), devices.jsonPath().getList("findAll { it.current }.name", String.class));
        assertFalse(devices.asString().contains(laptop), "no session ID on the page");
        String phoneHandle = devices.jsonPath().getString("find { it.name == 'phone' }.handle");

        given().cookie(SessionCookies.NAME, laptop).delete("/account/devices/" + phoneHandle).then().statusCode(204);
        given().cookie(SessionCookies.NAME, phone).get("/account/profile").then().statusCode(401);
        given().cookie(SessionCookies.NAME, laptop).post("/account/logout-others").then().statusCode(200)
                .body(equalTo("1"));
        given().cookie(SessionCookies.NAME, tablet).get("/account/profile").then().statusCode(401);
        given().cookie(SessionCookies.NAME, laptop).get("/account/profile").then().statusCode(200);
        given().cookie(SessionCookies.NAME, laptop).post("/account/logout-everywhere").then().statusCode(200)
                .body(equalTo("1"));
        given().cookie(SessionCookies.NAME, laptop).get("/account/profile").then().statusCode(401);
    }

    /** Whether the store keeps a principal index, so the devices page works. */
    boolean indexesPrincipals() {
        return true;
    }

    private static Response loginFrom(String device) {
        return given().header("User-Agent", device).formParam("username", "carol").formParam("password", "devices")
                .post("/account/login");
    }

    @Test
    void rememberMeOverridesIdleTimeoutOfThisSessionOnly() {
        String id = SessionCookies.issuedId(login(null, "alice", "wonderland"));
        Response response = given().cookie(SessionCookies.NAME, id).post("/account/remember-me");
        assertTrue(SessionCookies.header(response).orElseThrow().contains("Max-Age=1209600"));
        Response other = given().get("/visits");
        assertTrue(SessionCookies.header(other).orElseThrow().contains("Max-Age=1800"));
    }

    @Test
    void destroyDeletesSessionAndClearsCookie() {
        String id = newSession();
        Response destroy = given().cookie(SessionCookies.NAME, id).post("/probe/destroy");
        assertTrue(SessionCookies.clears(destroy), "destroy clears the cookie");
        given().cookie(SessionCookies.NAME, id).get("/probe").then().body("isNew", is(true));
    }

    // ---- event loop, Vert.x routes, background work

    @Test
    void eventLoopEndpointSeesPreloadedSession() {
        String id = SessionCookies.issuedId(given().get("/visits"));
        given().cookie(SessionCookies.NAME, id).get("/reactive/visits").then().body(equalTo("2"));
        given().cookie(SessionCookies.NAME, id).get("/reactive/thread").then().body(containsString("eventloop"));
    }

    @Test
    void uniAccessorLoadsSessionOnDemand() {
        String id = SessionCookies.issuedId(given().get("/visits"));
        given().cookie(SessionCookies.NAME, id).get("/reactive/visits-uni").then().body(equalTo("2"));
        given().cookie(SessionCookies.NAME, id).get("/visits").then().body(equalTo("3"));
    }

    @Test
    void plainVertxRouteSeesTheSameSession() {
        String id = SessionCookies.issuedId(given().get("/visits"));
        given().cookie(SessionCookies.NAME, id).get("/vertx/visits").then().statusCode(200).body(equalTo("2"));
        given().cookie(SessionCookies.NAME, id).get("/visits").then().body(equalTo("3"));
        Response fresh = given().get("/vertx/visits");
        fresh.then().body(equalTo("1"));
        SessionCookies.issuedId(fresh);
    }

    @Test
    void plainVertxRouteBehindTheLoaderUsesTheSessionSynchronously() {
        String id = SessionCookies.issuedId(given().get("/visits"));
        given().cookie(SessionCookies.NAME, id).get("/vertx/visits-sync").then().statusCode(200).body(equalTo("2"));
        given().cookie(SessionCookies.NAME, id).get("/visits").then().body(equalTo("3"));
        Response fresh = given().get("/vertx/visits-sync");
        fresh.then().body(equalTo("1"));
        SessionCookies.issuedId(fresh);
    }

    @Test
    void backgroundJobEditsSessionById() {
        String id = SessionCookies.issuedId(addToCart(null, "pear", 2));
        given().cookie(SessionCookies.NAME, id).post("/orders").then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().cookie(SessionCookies.NAME, id).get("/orders/status").asString(), equalTo("shipped"));
        given().cookie(SessionCookies.NAME, id).get("/probe").then().body("keys", contains("order", "shippedItems"));
    }

    // ---- concurrency

    @Test
    void concurrentRequestsChangingDifferentKeysAllSurvive() {
        String id = newSession();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> puts = IntStream.range(0, 24)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().cookie(SessionCookies.NAME, id)
                            .post("/probe/put?key=k" + i + "&value=" + i).statusCode(), clients))
                    .toList();
            puts.forEach(put -> assertEquals(200, put.join()));
        } finally {
            clients.shutdownNow();
        }
        List<String> expected = new ArrayList<>(IntStream.range(0, 24).mapToObj(i -> "k" + i).toList());
        expected.add("seed");
        List<String> keys = given().cookie(SessionCookies.NAME, id).get("/probe").jsonPath().getList("keys");
        assertEquals(expected.stream().sorted().toList(), keys);
    }

    @Test
    void lateSaveCannotResurrectDestroyedSession() throws Exception {
        String id = newSession();
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(
                () -> given().cookie(SessionCookies.NAME, id).post("/probe/slow-put?key=late&value=1&delayMs=10000"));
        awaitSlowPutLoaded();
        given().cookie(SessionCookies.NAME, id).post("/probe/destroy").then().statusCode(200);
        given().post("/probe/release-slow-puts").then().statusCode(200);
        Response late = slow.get(20, TimeUnit.SECONDS);
        late.then().statusCode(200);
        assertFalse(SessionCookies.header(late).map(h -> h.contains(id)).orElse(false), "no cookie for a dead ID");
        given().cookie(SessionCookies.NAME, id).get("/probe").then().body("isNew", is(true));
        assertFalse(given().get("/store/keys").asString().contains(sha256Hex(id)), "nothing stored under the old ID");
    }

    @Test
    void lateSaveCannotResurrectRegeneratedId() throws Exception {
        String id = newSession();
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(
                () -> given().cookie(SessionCookies.NAME, id).post("/probe/slow-put?key=late&value=1&delayMs=10000"));
        awaitSlowPutLoaded();
        String regenerated = SessionCookies
                .issuedId(given().cookie(SessionCookies.NAME, id).post("/probe/regenerate"));
        given().post("/probe/release-slow-puts").then().statusCode(200);
        slow.get(20, TimeUnit.SECONDS).then().statusCode(200);
        given().cookie(SessionCookies.NAME, id).get("/probe").then().body("isNew", is(true));
        given().cookie(SessionCookies.NAME, regenerated).get("/probe/value?key=seed").then().body(equalTo("1"));
    }

    // ---- helpers

    /** Creates a stored session with one value, "seed", and returns its ID. */
    static String newSession() {
        return SessionCookies.issuedId(given().post("/probe/put?key=seed&value=1"));
    }

    static int storeSize() {
        return Integer.parseInt(given().get("/store/size").asString());
    }

    static Response addToCart(String id, String sku, int quantity) {
        var request = given().contentType(ContentType.JSON).body("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
        if (id != null) {
            request.cookie(SessionCookies.NAME, id);
        }
        return request.post("/cart");
    }

    static Response login(String id, String username, String password) {
        var request = given().formParam("username", username).formParam("password", password);
        if (id != null) {
            request.cookie(SessionCookies.NAME, id);
        }
        return request.post("/account/login");
    }

    static String sha256Hex(String id) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Waits until a slow put has loaded the session it will write late. */
    private static void awaitSlowPutLoaded() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> given().get("/probe/slow-puts-waiting").asString(), equalTo("1"));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
