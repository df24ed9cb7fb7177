package io.quarkiverse.session.test.principal;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * "Log out everywhere" through HTTP, on a store that keeps sessions: devices of one user log in, list each other, one
 * logs another out, all of them, or all but itself, and a device logged out is anonymous on its next request; a
 * regeneration and an expiry keep the list exact; 32 devices logging in at once are all listed. A store's test
 * extends it with the {@link #application} of its own configuration.
 * <p>
 * Every test logs in a user of its own, so the tests share one application and one store.
 */
public abstract class PrincipalSessionsContract {

    private static final String COOKIE = SessionCookies.DEFAULT_NAME;
    private static final int CONCURRENT_LOGINS = 32;

    /**
     * The application of the {@link DevicesResource}, with the given {@code application.properties}.
     */
    protected static QuarkusUnitTest application(String applicationProperties) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(DevicesResource.class, SessionCookies.class)
                        .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(applicationProperties),
                                "application.properties"));
    }

    @Test
    public void oneDeviceLogsAnotherOut() {
        String user = newUser();
        String laptop = logIn(user, "laptop");
        String phone = logIn(user, "phone");
        assertEquals(user, me(laptop));
        assertEquals(user, me(phone));

        List<String[]> devices = devices(laptop);
        assertEquals(2, devices.size(), "both devices are listed");
        String[] phoneRow = devices.stream().filter(row -> row[1].equals("phone")).findFirst().orElseThrow();
        assertEquals("false", phoneRow[2]);
        assertEquals("true", devices.stream().filter(row -> row[1].equals("laptop")).findFirst().orElseThrow()[2],
                "the device that asks is marked");

        given().cookie(COOKIE, laptop).delete("/devices/" + phoneRow[0]).then().statusCode(204);
        assertEquals("anonymous", me(phone), "the device logged out is anonymous on its next request");
        assertEquals(user, me(laptop));
        assertEquals(List.of("laptop"), agents(laptop));
        given().cookie(COOKIE, laptop).delete("/devices/" + phoneRow[0]).then().statusCode(404);
    }

    @Test
    public void aUserSeesOnlyTheirOwnDevices() {
        String alice = logIn(newUser(), "alice-laptop");
        String bob = newUser();
        String bobs = logIn(bob, "bob-phone");
        assertEquals(List.of("alice-laptop"), agents(alice));
        String bobsHandle = devices(bobs).get(0)[0];
        given().cookie(COOKIE, alice).delete("/devices/" + bobsHandle).then().statusCode(404);
        assertEquals(bob, me(bobs));
    }

    @Test
    public void logOutEverywhere() {
        String user = newUser();
        List<String> devices = List.of(logIn(user, "a"), logIn(user, "b"), logIn(user, "c"));
        String other = logIn(newUser(), "someone else's");
        assertEquals("3", given().cookie(COOKIE, devices.get(0)).post("/devices/logout-everywhere").then()
                .statusCode(200).extract().asString());
        for (String device : devices) {
            assertEquals("anonymous", me(device));
        }
        assertNotEquals("anonymous", me(other), "another user's session is untouched");
    }

    @Test
    public void logOutAllButThisDevice() {
        String user = newUser();
        String kept = logIn(user, "kept");
        String second = logIn(user, "second");
        String third = logIn(user, "third");
        assertEquals("2", given().cookie(COOKIE, kept).post("/devices/logout-others").then().statusCode(200)
                .extract().asString());
        assertEquals(user, me(kept));
        assertEquals("anonymous", me(second));
        assertEquals("anonymous", me(third));
        assertEquals(List.of("kept"), agents(kept));
    }

    @Test
    public void logInRegeneratesTheId() {
        Response visit = given().post("/devices/visit");
        String before = SessionCookies.issuedId(visit, COOKIE);
        Response login = given().cookie(COOKIE, before).queryParam("user", newUser()).queryParam("agent", "x")
                .post("/devices/login");
        String after = SessionCookies.issuedId(login, COOKIE);
        assertNotEquals(before, after, "a login gives the session a new ID");
        assertEquals("anonymous", me(before), "the ID from before the login is dead");
    }

    @Test
    public void regenerationAndLogoutKeepTheListExact() {
        String user = newUser();
        String device = logIn(user, "regenerated");
        String other = logIn(user, "other");
        Response regenerated = given().cookie(COOKIE, device).post("/devices/regenerate");
        String newId = SessionCookies.issuedId(regenerated, COOKIE);
        assertNotEquals(device, newId);
        assertEquals("anonymous", me(device));
        assertEquals(List.of("other", "regenerated"), agents(newId), "listed once, under its new ID");
        given().cookie(COOKIE, other).post("/devices/logout").then().statusCode(200);
        assertEquals(List.of("regenerated"), agents(newId), "a logout leaves the list");
    }

    @Test
    public void expiredDevicesAreNotListed() throws InterruptedException {
        String user = newUser();
        String expiring = given().queryParam("user", user).queryParam("agent", "expiring").queryParam("idleSeconds", 1)
                .post("/devices/login").then().statusCode(200).extract().cookie(COOKIE);
        String staying = logIn(user, "staying");
        assertEquals(List.of("expiring", "staying"), agents(staying));
        Thread.sleep(1_500);
        assertEquals(List.of("staying"), agents(staying), "an expired session is not listed");
        assertEquals("anonymous", me(expiring));
    }

    @Test
    public void concurrentLoginsOfOneUserAreAllListed() throws Exception {
        String user = newUser();
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_LOGINS);
        try {
            CyclicBarrier start = new CyclicBarrier(CONCURRENT_LOGINS);
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_LOGINS; i++) {
                String agent = "device-" + i;
                logins.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return logIn(user, agent);
                }));
            }
            Set<String> cookies = new HashSet<>();
            for (Future<String> login : logins) {
                cookies.add(login.get(60, TimeUnit.SECONDS));
            }
            assertEquals(CONCURRENT_LOGINS, cookies.size());
            List<String> agents = agents(cookies.iterator().next());
            assertEquals(CONCURRENT_LOGINS, agents.size(), "concurrent logins were missed: " + agents);
            assertEquals(CONCURRENT_LOGINS, new HashSet<>(agents).size());
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    // ---- Helpers

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    /** Logs a new device in; returns its session cookie. */
    private static String logIn(String user, String agent) {
        return given().queryParam("user", user).queryParam("agent", agent).post("/devices/login").then().statusCode(200)
                .extract().cookie(COOKIE);
    }

    private static String me(String cookie) {
        return given().cookie(COOKIE, cookie).get("/devices/me").then().statusCode(200).extract().asString();
    }

    /** The devices of the user of this cookie: handle, agent, whether it is this device. */
    private static List<String[]> devices(String cookie) {
        String body = given().cookie(COOKIE, cookie).get("/devices").then().statusCode(200).extract().asString();
        return body.isEmpty() ? List.of() : Arrays.stream(body.split("\n")).map(line -> line.split(" ")).toList();
    }

    private static List<String> agents(String cookie) {
        return devices(cookie).stream().map(row -> row[1]).sorted().toList();
    }
}
