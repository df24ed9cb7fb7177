package io.quarkiverse.session.test.changes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.test.SessionCookies;
import io.restassured.response.Response;

/**
 * Only the keys a request (or a save by ID) changed are written: a save built from values loaded before another
 * request changed or removed a key leaves that key as the other request left it. The interleaving is forced, not
 * hoped for: the slow request waits at a gate, after loading, until the other has finished. One subclass per
 * server-side store; the cookie store carries the whole session in one cookie and merges nothing (see the stores page).
 */
abstract class OnlyChangedKeysAreWrittenTest {

    @Inject
    KeysResource.Gate gate;

    @Inject
    Sessions sessions;

    @Test
    void aRequestThatLoadedEarlierKeepsTheChangesOfAnotherRequest() throws Exception {
        String id = newSession();
        gate.reset();
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> given()
                .cookie(SessionCookies.DEFAULT_NAME, id).post("/keys/put-after-gate?key=a&value=slow-a"));
        try {
            assertTrue(gate.awaitLoaded(), "the slow request loaded the session");
            given().cookie(SessionCookies.DEFAULT_NAME, id).post("/keys/put?key=b&value=other-b").then()
                    .statusCode(200);
            given().cookie(SessionCookies.DEFAULT_NAME, id).post("/keys/remove?key=c").then().statusCode(200);
        } finally {
            gate.open();
        }
        slow.get(30, TimeUnit.SECONDS).then().statusCode(200);

        expectValue(id, "a", "slow-a");
        expectValue(id, "b", "other-b");
        expectValue(id, "c", "<absent>");
    }

    @Test
    void aSaveByIdKeepsTheChangesOfARequestMadeSinceItsLoad() {
        String id = newSession();
        DetachedSession detached = sessions.findById(id).await().atMost(Duration.ofSeconds(30))
                .orElseThrow();
        given().cookie(SessionCookies.DEFAULT_NAME, id).post("/keys/put?key=b&value=other-b").then().statusCode(200);
        given().cookie(SessionCookies.DEFAULT_NAME, id).post("/keys/remove?key=c").then().statusCode(200);
        detached.put("a", "detached-a");
        assertTrue(sessions.save(detached).await().atMost(Duration.ofSeconds(30)), "saved");

        expectValue(id, "a", "detached-a");
        expectValue(id, "b", "other-b");
        expectValue(id, "c", "<absent>");
    }

    private static String newSession() {
        Response response = given().post("/keys/seed");
        response.then().statusCode(200);
        return SessionCookies.issuedId(response);
    }

    private static void expectValue(String id, String key, String value) {
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/keys/value?key=" + key).then().statusCode(200)
                .body(equalTo(value));
    }
}
