package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.Session;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Event-loop endpoints cannot wait for the store, so the extension loads the session before the ones whose bean uses
 * {@link Session}, directly or through a bean it injects, and only those: everything else pays nothing. The store
 * answers later, like a remote one, so a session that was not loaded in time would fail the request.
 */
class EventLoopPreloadTest {

    private static final String MALFORMED = "not-a-session-id";
    /** How the exception promised by {@code Sessions.of} begins. */
    static final String NOT_LOADED = "The session was used on an event-loop thread before it was loaded, and the "
            + "session store cannot answer without waiting.";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CountingSessionStore.class, SessionCookies.class,
                    PlainResource.class, OwnerResource.class, Greeter.class, GreetingResource.class,
                    LookupResource.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    CountingSessionStore store;

    @Test
    void eventLoopEndpointOfBeanWithoutSessionNeverLoads() {
        String id = newSession("alice");
        store.resetCounts();
        Response response = given().cookie(SessionCookies.DEFAULT_NAME, id).get("/plain");
        response.then().statusCode(200).body(equalTo("plain"));
        assertEquals(0, store.loads(), "loads");
        assertTrue(SessionCookies.setsNone(response), "no Set-Cookie");
    }

    @Test
    void eventLoopEndpointOfBeanInjectingSessionSeesTheSession() {
        String id = newSession("bob");
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/owner/event-loop").then().statusCode(200)
                .body(equalTo("bob"));
        assertEquals(1, store.loads(), "loads");
    }

    @Test
    void eventLoopEndpointOfBeanUsingSessionThroughAnotherBeanSeesTheSession() {
        String id = newSession("carol");
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/greeting").then().statusCode(200)
                .body(equalTo("Hello carol"));
        assertEquals(1, store.loads(), "loads");
    }

    @Test
    void eventLoopEndpointCanChangeThePreloadedSession() {
        String id = newSession("dave");
        given().cookie(SessionCookies.DEFAULT_NAME, id).post("/owner/event-loop/erin").then().statusCode(200);
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/owner").then().statusCode(200).body(equalTo("erin"));
    }

    @Test
    void workerEndpointThatDoesNotCallTheSessionNeverLoads() {
        String id = newSession("frank");
        store.resetCounts();
        Response response = given().cookie(SessionCookies.DEFAULT_NAME, id).get("/owner/unused");
        response.then().statusCode(200).body(equalTo("unused"));
        assertEquals(0, store.loads(), "loads");
        assertTrue(SessionCookies.setsNone(response), "no Set-Cookie");
    }

    @Test
    void workerEndpointLoadsTheSessionOnFirstUse() {
        String id = newSession("grace");
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/owner").then().statusCode(200).body(equalTo("grace"));
        assertEquals(1, store.loads(), "loads");
    }

    @Test
    void eventLoopEndpointWithoutCookieNeverLoads() {
        store.resetCounts();
        Response response = given().get("/owner/event-loop");
        response.then().statusCode(204);
        assertEquals(0, store.loads(), "loads");
        assertTrue(SessionCookies.setsNone(response), "no Set-Cookie for a visitor who stored nothing");
    }

    @Test
    void workerEndpointWithoutCookieNeverLoads() {
        store.resetCounts();
        given().get("/owner").then().statusCode(204);
        assertEquals(0, store.loads(), "loads");
    }

    @Test
    void malformedCookieNeverReachesTheStore() {
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, MALFORMED).get("/owner/event-loop").then().statusCode(204);
        given().cookie(SessionCookies.DEFAULT_NAME, MALFORMED).get("/owner").then().statusCode(204);
        assertEquals(0, store.loads(), "loads");
    }

    @Test
    void eventLoopEndpointLookingUpSessionWithoutInjectingItGetsExplanation() {
        // The bean does not inject Session, so its session is not loaded first, and this store cannot answer at once.
        String id = newSession("heidi");
        // A short read timeout: a request whose response never ends must fail fast, not after the default 30 s.
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 5000)))
                .cookie(SessionCookies.DEFAULT_NAME, id).get("/lookup").then().statusCode(500)
                .body(containsString("use Sessions.current()"));
    }

    @Test
    void eventLoopUseOfASessionThatWasNotLoadedThrowsTheExplainedIllegalStateException() {
        // What the application itself sees, whatever error page the launch mode renders for an uncaught exception.
        String id = newSession("ivan");
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/lookup/caught").then().statusCode(200)
                .body(startsWith("java.lang.IllegalStateException: " + NOT_LOADED), containsString(
                        "use Sessions.current(), which returns a Uni<Session>, or, on a plain Vert.x route, put "
                                + "Sessions.loader() before the handler."));
    }

    private static String newSession(String owner) {
        Response response = given().post("/owner/" + owner);
        response.then().statusCode(200);
        return SessionCookies.issuedId(response);
    }

    /** Knows nothing of sessions. */
    @Path("/plain")
    public static class PlainResource {

        @GET
        @NonBlocking
        public String plain() {
            return "plain";
        }
    }

    @Path("/owner")
    public static class OwnerResource {

        @Inject
        Session session;

        @POST
        @Path("/{owner}")
        public String write(@PathParam("owner") String owner) {
            session.put("owner", owner);
            return owner;
        }

        @GET
        public String read() {
            return session.get("owner", String.class);
        }

        @GET
        @Path("/event-loop")
        @NonBlocking
        public String readOnEventLoop() {
            return session.get("owner", String.class);
        }

        @POST
        @Path("/event-loop/{owner}")
        @NonBlocking
        public String writeOnEventLoop(@PathParam("owner") String owner) {
            session.put("owner", owner);
            return owner;
        }

        @GET
        @Path("/unused")
        public String unused() {
            return "unused";
        }
    }

    /** Uses the session on behalf of the resources that inject it. */
    @RequestScoped
    public static class Greeter {

        @Inject
        Session session;

        String greet() {
            return "Hello " + session.get("owner", String.class);
        }
    }

    /** Looks the session up programmatically: the build cannot see that it uses it. */
    @Path("/lookup")
    public static class LookupResource {

        @GET
        @NonBlocking
        public String lookup() {
            return Arc.container().instance(Session.class).get().get("owner", String.class);
        }

        @GET
        @Path("/caught")
        @NonBlocking
        public String lookupAndCatch() {
            try {
                return lookup();
            } catch (RuntimeException e) {
                return e.getClass().getName() + ": " + e.getMessage();
            }
        }
    }

    /** Uses the session only through {@link Greeter}. */
    @Path("/greeting")
    public static class GreetingResource {

        @Inject
        Greeter greeter;

        @GET
        @NonBlocking
        public String greet() {
            return greeter.greet();
        }
    }
}
