package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.vertx.ext.web.Router;

/**
 * A {@link io.quarkiverse.session.spi.SessionStore} bean of the application replaces the built-in memory store: every
 * session operation of a request reaches it.
 */
class CustomSessionStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CountingSessionStore.class, ColourResource.class,
                    ColourRoutes.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    CountingSessionStore store;

    @Test
    void newSessionIsCreatedInTheApplicationStore() {
        int sizeBefore = store.size();
        store.resetCounts();
        SessionCookies.issuedId(expectOk(given().post("/colour/red")));
        assertEquals(1, store.creates(), "creates");
        assertEquals(sizeBefore + 1, store.size(), "sessions held by the application store");
    }

    @Test
    void sessionIsLoadedFromTheApplicationStore() {
        String id = newSession("green");
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/colour").then().statusCode(200).body(equalTo("green"));
        assertEquals(1, store.loads(), "loads");
    }

    @Test
    void changedSessionIsUpdatedInTheApplicationStore() {
        String id = newSession("blue");
        store.resetCounts();
        expectOk(given().cookie(SessionCookies.DEFAULT_NAME, id).post("/colour/yellow"));
        assertEquals(1, store.updates(), "updates");
        assertEquals(0, store.creates(), "creates");
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/colour").then().statusCode(200).body(equalTo("yellow"));
    }

    @Test
    void regeneratedSessionMovesToItsNewKeyInTheApplicationStore() {
        String id = newSession("purple");
        store.resetCounts();
        String newId = SessionCookies.issuedId(
                expectOk(given().cookie(SessionCookies.DEFAULT_NAME, id).post("/colour/regenerate")));
        assertNotEquals(id, newId);
        assertEquals(1, store.changeKeys(), "key changes");
        given().cookie(SessionCookies.DEFAULT_NAME, newId).get("/colour").then().statusCode(200).body(equalTo("purple"));
    }

    @Test
    void destroyedSessionIsDeletedFromTheApplicationStore() {
        String id = newSession("black");
        int sizeBefore = store.size();
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, id).delete("/colour").then().statusCode(204);
        assertEquals(1, store.deletes(), "deletes");
        assertEquals(sizeBefore - 1, store.size(), "sessions held by the application store");
    }

    @Test
    void vertxRouteBehindTheLoaderUsesTheSessionSynchronously() {
        String id = newSession("orange");
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/colour").then().statusCode(200)
                .body(equalTo("orange"));
        assertEquals(1, store.loads(), "loads");
    }

    @Test
    void vertxRouteBehindTheLoaderSavesBeforeItAnswers() {
        String id = newSession("white");
        store.resetCounts();
        expectOk(given().cookie(SessionCookies.DEFAULT_NAME, id).post("/vertx/colour/grey"));
        assertEquals(1, store.updates(), "updates");
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/colour").then().statusCode(200).body(equalTo("grey"));
    }

    @Test
    void loaderAsksNoStoreForNewVisitor() {
        store.resetCounts();
        given().get("/vertx/colour").then().statusCode(200).body(equalTo("null"));
        assertEquals(0, store.loads(), "loads");
    }

    @Test
    void blockingVertxRouteWaitsForTheStoreWithoutTheLoader() {
        String id = newSession("pink");
        store.resetCounts();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/colour/blocking").then().statusCode(200)
                .body(equalTo("pink"));
        assertEquals(1, store.loads(), "loads");
    }

    @Test
    void vertxRouteWithoutTheLoaderCannotUseAnAsynchronousStoreOnTheEventLoop() {
        String id = newSession("brown");
        // A programming error, answered as one: the event loop is not blocked to wait for the store.
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/colour/unloaded").then().statusCode(500);
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/colour").then().statusCode(200).body(equalTo("brown"));
    }

    @Test
    void vertxRouteWithoutTheLoaderGetsTheExplainedIllegalStateException() {
        // Sessions.of promises an IllegalStateException that says what to do: the route sees it, and its message.
        String id = newSession("beige");
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/colour/unloaded-caught").then().statusCode(200)
                .body(startsWith("java.lang.IllegalStateException: " + EventLoopPreloadTest.NOT_LOADED),
                        containsString("put Sessions.loader() before the handler."));
    }

    private static String newSession(String colour) {
        return SessionCookies.issuedId(expectOk(given().post("/colour/" + colour)));
    }

    private static Response expectOk(Response response) {
        response.then().statusCode(200);
        return response;
    }

    @Path("/colour")
    public static class ColourResource {

        @Inject
        Session session;

        @POST
        @Path("/{colour}")
        public String write(@PathParam("colour") String colour) {
            session.put("colour", colour);
            return colour;
        }

        @POST
        @Path("/regenerate")
        public String regenerate() {
            session.regenerate();
            return "regenerated";
        }

        @GET
        public String read() {
            return session.get("colour", String.class);
        }

        @DELETE
        public void destroy() {
            session.destroy();
        }
    }

    /**
     * Plain Vert.x routes that use the session synchronously: behind {@link Sessions#loader()}, on a worker thread, and
     * on the event loop without the loader.
     */
    @ApplicationScoped
    public static class ColourRoutes {

        @Inject
        Sessions sessions;

        void register(@Observes Router router) {
            router.get("/vertx/colour").handler(sessions.loader()).handler(
                    request -> request.response().end(String.valueOf(sessions.of(request).get("colour", String.class))));
            router.post("/vertx/colour/:colour").handler(sessions.loader()).handler(request -> {
                sessions.of(request).put("colour", request.pathParam("colour"));
                sessions.flush(request).subscribe().with(saved -> request.response().end("saved"), request::fail);
            });
            router.get("/vertx/colour/blocking").blockingHandler(
                    request -> request.response().end(String.valueOf(sessions.of(request).get("colour", String.class))));
            router.get("/vertx/colour/unloaded").handler(
                    request -> request.response().end(String.valueOf(sessions.of(request).get("colour", String.class))));
            router.get("/vertx/colour/unloaded-caught").handler(request -> {
                String answer;
                try {
                    answer = String.valueOf(sessions.of(request).get("colour", String.class));
                } catch (RuntimeException e) {
                    answer = e.getClass().getName() + ": " + e.getMessage();
                }
                request.response().end(answer);
            });
        }
    }
}
