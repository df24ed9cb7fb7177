package io.quarkiverse.session.test.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.test.NoteResource;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkiverse.session.test.outage.FaultySessionStore.Fault;
import io.quarkiverse.session.test.store.ForwardingSessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.ext.web.Router;

/**
 * A store that fails, or never answers, gives the client a clear {@code 503} it can retry, never a bare {@code 500} or
 * a hung connection, on every path that needs the session; a request that does not use the session is not disturbed;
 * and the sessions the store holds are served again, intact, once it answers again. Each kind of fault extends this.
 * <p>
 * The client waits up to 10 s for an answer: a request that hangs fails the test instead of the build.
 */
abstract class StoreOutageContract {

    private static final String UNAVAILABLE = "Session store unavailable, please retry.";
    private static final RestAssuredConfig PATIENT_CLIENT = RestAssured.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 10_000));

    /** The application of a test class: the faulty store, the note endpoints, and the given configuration. */
    static QuarkusUnitTest app() {
        return new QuarkusUnitTest()
                .withApplicationRoot(
                        jar -> jar.addClasses(StoreOutageContract.class, FaultySessionStore.class, ForwardingSessionStore.class,
                                NoteResource.class, NoteRoutes.class, PlainResource.class, SessionCookies.class))
                .overrideConfigKey("quarkus.http.test-port", "0");
    }

    /** How the store breaks in this test class. */
    abstract Fault fault();

    private static FaultySessionStore store() {
        return Arc.container().instance(FaultySessionStore.class).get();
    }

    @AfterEach
    void storeAnswersAgain() {
        store().repair();
    }

    @Test
    void loadOnWorkerThreadAnswers503() {
        String id = newSession("kept");
        store().breakAll(fault());
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note"));
    }

    @Test
    void loadBeforeEventLoopEndpointAnswers503() {
        String id = newSession("kept");
        store().breakAll(fault());
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note/event-loop"));
    }

    @Test
    void loadForVertxRouteAnswers503AndRecovers() {
        String id = newSession("kept");
        store().breakAll(fault());
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/note"));
        store().repair();
        client().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/note").then().statusCode(200)
                .body(equalTo("kept"));
    }

    @Test
    void creationAnswers503WithoutCookie() {
        store().breakWrites(fault());
        Response response = client().post("/note/lost");
        expectUnavailable(response);
        assertTrue(SessionCookies.setsNone(response), "no cookie for a session that was never stored");
    }

    @Test
    void saveAfterPutAnswers503() {
        String id = newSession("before");
        store().breakWrites(fault());
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/after"));
    }

    @Test
    void changeWhoseSaveFailedIsNotApplied() {
        String id = newSession("before");
        store().breakWrites(fault());
        client().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/after");
        store().repair();
        client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("before"));
    }

    @Test
    void sessionIsServedAndSavedOnceStoreAnswersAgain() {
        String id = newSession("survivor");
        store().breakAll(fault());
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note"));
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/lost"));
        store().repair();
        client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("survivor"));
        client().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/changed").then().statusCode(200);
        client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("changed"));
    }

    @Test
    void endpointThatDoesNotUseTheSessionWorks() {
        String id = newSession("ignored");
        store().breakAll(fault());
        Response response = client().cookie(SessionCookies.DEFAULT_NAME, id).get("/plain");
        response.then().statusCode(200).body(equalTo("plain"));
        assertTrue(SessionCookies.setsNone(response), "the session cookie is left alone");
    }

    private static RequestSpecification client() {
        return given().config(PATIENT_CLIENT);
    }

    private static void expectUnavailable(Response response) {
        response.then().statusCode(503).header("Retry-After", "1").body(equalTo(UNAVAILABLE));
    }

    private static String newSession(String note) {
        Response response = client().post("/note/" + note);
        response.then().statusCode(200);
        return SessionCookies.issuedId(response);
    }

    @ApplicationScoped
    public static class NoteRoutes {

        @Inject
        Sessions sessions;

        void register(@Observes Router router) {
            router.get("/vertx/note").handler(sessions.loader()).handler(
                    request -> request.response().end(String.valueOf(sessions.of(request).get("note", String.class))));
        }
    }

    @Path("/plain")
    public static class PlainResource {

        @GET
        public String plain() {
            return "plain";
        }
    }
}
