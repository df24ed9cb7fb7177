package io.quarkiverse.session.test.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionEvent;
import io.quarkiverse.session.SessionEvent.Type;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkiverse.session.test.metrics.LifecycleResource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The session events of a server-side store, observed synchronously and asynchronously: one per creation, change of
 * ID, destruction and expiry a request finds, naming the session by the short hash of its key, never by its ID; a
 * failing observer does not fail the request.
 */
class SessionEventsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LifecycleResource.class, RecordedEvents.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.sweep-interval", "1H");

    @Inject
    RecordedEvents events;

    @BeforeEach
    void clear() {
        events.clear();
    }

    @Test
    void eachLifecycleMoveIsOneEvent() throws InterruptedException {
        String id = SessionCookies.issuedId(given().post("/lifecycle/create").then().statusCode(200).extract()
                .response());
        String regenerated = SessionCookies.issuedId(given().cookie("session_id", id).post("/lifecycle/regenerate")
                .then().statusCode(200).extract().response());
        given().cookie("session_id", regenerated).post("/lifecycle/destroy").then().statusCode(200);
        String expiring = SessionCookies.issuedId(given().post("/lifecycle/create-expiring/100").then().statusCode(200)
                .extract().response());
        Thread.sleep(300);
        given().cookie("session_id", expiring).get("/lifecycle/read").then().statusCode(200);

        List<SessionEvent> expected = List.of(
                new SessionEvent(Type.CREATED, hash(id), null),
                new SessionEvent(Type.ID_CHANGED, hash(regenerated), hash(id)),
                new SessionEvent(Type.DESTROYED, hash(regenerated), null),
                new SessionEvent(Type.CREATED, hash(expiring), null),
                new SessionEvent(Type.EXPIRED, hash(expiring), null));
        assertEquals(expected, events.synchronous);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.asynchronous.size() == expected.size());
        assertEquals(expected.size(), events.asynchronous.stream().distinct().filter(expected::contains).count());
        for (SessionEvent event : events.synchronous) {
            assertFalse(event.toString().contains(id) || event.toString().contains(regenerated)
                    || event.toString().contains(expiring), "never the ID: " + event);
        }
    }

    @Test
    void readingASessionFiresNothing() {
        String id = SessionCookies.issuedId(given().post("/lifecycle/create").then().statusCode(200).extract()
                .response());
        events.clear();
        given().cookie("session_id", id).get("/lifecycle/read").then().statusCode(200);
        given().cookie("session_id", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("/lifecycle/read").then().statusCode(200);
        assertEquals(List.of(), events.synchronous);
    }

    private static String hash(String id) {
        return SessionKey.ofSessionId(id).shortHash();
    }
}
