package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkiverse.session.test.store.ForwardingSessionStore;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;

/**
 * A store that never answers costs a request {@code quarkus.session.store-timeout}, then the same {@code 503} with
 * {@code Retry-After} as a store that fails; once it answers again, so do the requests.
 * <p>
 * Without a bound the requests below hang: the client gives up after its own generous socket timeout, which is no
 * assertion about speed, only that an answer comes at all.
 */
class StoreTimeoutTest {

    private static final String UNAVAILABLE = "Session store unavailable, please retry.";
    private static final RestAssuredConfig PATIENT_CLIENT = RestAssured.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 10_000));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StallingSessionStore.class, ForwardingSessionStore.class,
                    NoteResource.class, NoteRoutes.class, SessionCookies.class))
            .overrideConfigKey("quarkus.session.store-timeout", "300ms")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    StallingSessionStore store;

    @AfterEach
    void storeAnswersAgain() {
        store.answer();
    }

    @Test
    void loadThatNeverAnswersOnWorkerThreadAnswers503() {
        String id = newSession("kept");
        store.stall();
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note"));
    }

    @Test
    void loadThatNeverAnswersBeforeEventLoopEndpointAnswers503() {
        String id = newSession("kept");
        store.stall();
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note/event-loop"));
    }

    @Test
    void loadThatNeverAnswersForVertxRouteAnswers503() {
        String id = newSession("kept");
        store.stall();
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/note"));
        store.answer();
        client().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/note").then().statusCode(200)
                .body(equalTo("kept"));
    }

    @Test
    void saveAfterPutThatNeverAnswersAnswers503() {
        String id = newSession("before");
        store.stallWrites();
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/after"));
    }

    @Test
    void creationThatNeverAnswersAnswers503WithoutCookie() {
        store.stallWrites();
        Response response = client().post("/note/lost");
        expectUnavailable(response);
        assertTrue(SessionCookies.setsNone(response), "no cookie for a session that was never stored");
    }

    @Test
    void sessionIsServedAndSavedOnceStoreAnswersAgain() {
        String id = newSession("survivor");
        store.stall();
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note"));
        expectUnavailable(client().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/lost"));
        store.answer();
        client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("survivor"));
        client().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/changed").then().statusCode(200);
        client().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("changed"));
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

    /**
     * A memory store behind a switch: while stalled, its calls return a {@link Uni} that never emits, as a store whose
     * connection hangs would; with only writes stalled, loads still answer.
     */
    @Singleton
    public static class StallingSessionStore extends ForwardingSessionStore {

        private volatile boolean readsStalled;
        private volatile boolean writesStalled;

        public StallingSessionStore() {
            super(new MemorySessionStore(1000));
        }

        void stall() {
            readsStalled = true;
            writesStalled = true;
        }

        void stallWrites() {
            readsStalled = false;
            writesStalled = true;
        }

        void answer() {
            readsStalled = false;
            writesStalled = false;
        }

        @Override
        public Uni<SessionRecord> load(SessionKey key) {
            return readsStalled ? Uni.createFrom().nothing() : super.load(key);
        }

        @Override
        public Uni<Void> create(SessionKey key, SessionRecord session) {
            return writesStalled ? Uni.createFrom().nothing() : super.create(key, session);
        }

        @Override
        public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
            return writesStalled ? Uni.createFrom().nothing() : super.update(key, update);
        }
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
}
