package io.quarkiverse.session.test.ids;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.SessionIdFactory;
import io.quarkiverse.session.test.NoteResource;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * An application's factory that passed the startup check and then repeats an ID: the store refuses the second session
 * under it, so the second client gets a {@code 503} it may retry and no cookie, and the first client's session is
 * neither given away nor overwritten.
 */
class RepeatedSessionIdTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RepeatingIds.class, RandomIds.class, NoteResource.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void repeatedIdIsNeverHandedToASecondClient() {
        Response first = given().post("/note/first");
        first.then().statusCode(200);
        String id = SessionCookies.issuedValue(first, SessionCookies.DEFAULT_NAME);
        assertEquals(RepeatingIds.REPEATED, id);

        Response second = given().post("/note/second");
        second.then().statusCode(503).header("Retry-After", "1");
        assertTrue(SessionCookies.setsNone(second), "no cookie for the refused session");

        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("first"));
    }

    /** Random IDs for the startup check, then one ID for ever. */
    @ApplicationScoped
    public static class RepeatingIds implements SessionIdFactory {

        static final String REPEATED = "eu1-Zx8-Qw3_Lm5Rt7Yp9Ab2Cd4Ef6Gh1Jk0";

        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public String newId() {
            return calls.incrementAndGet() <= 16 ? RandomIds.tenantId() : REPEATED;
        }
    }
}
