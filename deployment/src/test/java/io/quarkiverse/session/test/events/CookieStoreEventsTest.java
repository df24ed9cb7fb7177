package io.quarkiverse.session.test.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionEvent;
import io.quarkiverse.session.SessionEvent.Type;
import io.quarkiverse.session.test.metrics.LifecycleResource;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The cookie store keeps sessions at the client, and still fires their creation, change of ID and destruction.
 */
class CookieStoreEventsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LifecycleResource.class, RecordedEvents.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "cookie")
            .overrideConfigKey("quarkus.session.secret", "a-long-enough-secret-for-the-cookie-events-test");

    @Inject
    RecordedEvents events;

    @Test
    void creationRegenerationAndDestructionAreFired() {
        String created = sealed(given().post("/lifecycle/create"));
        String regenerated = sealed(given().cookie("session_id", created).post("/lifecycle/regenerate"));
        given().cookie("session_id", regenerated).post("/lifecycle/destroy").then().statusCode(200);

        List<Type> types = events.synchronous.stream().map(SessionEvent::type).toList();
        assertEquals(List.of(Type.CREATED, Type.ID_CHANGED, Type.DESTROYED), types);
        SessionEvent idChanged = events.synchronous.get(1);
        assertEquals(events.synchronous.get(0).sessionHash(), idChanged.previousSessionHash());
        assertEquals(idChanged.sessionHash(), events.synchronous.get(2).sessionHash());
    }

    private static String sealed(Response response) {
        response.then().statusCode(200);
        String header = response.headers().getValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("session_id=")).findFirst().orElseThrow();
        return header.substring("session_id=".length(), header.indexOf(';'));
    }
}
