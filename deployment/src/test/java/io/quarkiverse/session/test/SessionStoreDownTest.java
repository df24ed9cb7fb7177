package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;

/**
 * A store that is down gives the client a clear {@code 503} it can retry, never a bare {@code 500}, and the sessions it
 * holds are served again, intact, once it is back.
 */
class SessionStoreDownTest {

    private static final String UNAVAILABLE = "Session store unavailable, please retry.";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(UnreliableSessionStore.class, NoteResource.class,
                    PlainResource.class, NoteRoutes.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    UnreliableSessionStore store;

    @AfterEach
    void storeIsBack() {
        store.up();
    }

    @Test
    void readingOnWorkerThreadWhileStoreIsDownAnswers503() {
        String id = newSession("kept");
        store.down();
        expectUnavailable(given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note"));
    }

    @Test
    void readingOnEventLoopWhileStoreIsDownAnswers503() {
        String id = newSession("kept");
        store.down();
        expectUnavailable(given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note/event-loop"));
    }

    @Test
    void loadingForVertxRouteWhileStoreIsDownAnswers503() {
        String id = newSession("kept");
        store.down();
        expectUnavailable(given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/note"));
        store.up();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/note").then().statusCode(200).body(equalTo("kept"));
    }

    @Test
    void creatingSessionWhileStoreIsDownAnswers503WithoutCookie() {
        store.down();
        Response response = given().post("/note/lost");
        expectUnavailable(response);
        assertTrue(SessionCookies.setsNone(response), "no cookie for a session that was never stored");
    }

    @Test
    void changingSessionWhoseSaveFailsAnswers503() {
        String id = newSession("before");
        store.writesDown();
        expectUnavailable(given().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/after"));
    }

    @Test
    void changeWhoseSaveFailedIsNotApplied() {
        String id = newSession("before");
        store.writesDown();
        given().cookie(SessionCookies.DEFAULT_NAME, id).post("/note/after");
        store.up();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("before"));
    }

    @Test
    void sessionIsServedIntactOnceStoreIsBack() {
        String id = newSession("survivor");
        store.down();
        expectUnavailable(given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note"));
        store.up();
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("survivor"));
    }

    @Test
    void endpointThatDoesNotUseTheSessionWorksWhileStoreIsDown() {
        String id = newSession("ignored");
        store.down();
        Response response = given().cookie(SessionCookies.DEFAULT_NAME, id).get("/plain");
        response.then().statusCode(200).body(equalTo("plain"));
        assertTrue(SessionCookies.setsNone(response), "the session cookie is left alone");
    }

    private static void expectUnavailable(Response response) {
        response.then().statusCode(503).header("Retry-After", "1").body(equalTo(UNAVAILABLE));
    }

    private static String newSession(String note) {
        Response response = given().post("/note/" + note);
        response.then().statusCode(200);
        return SessionCookies.issuedId(response);
    }

    /**
     * A memory store behind a switch: while down, every operation fails as a lost connection would; with only writes
     * down, loads still work.
     */
    @Singleton
    public static class UnreliableSessionStore implements SessionStore {

        private final MemorySessionStore delegate = new MemorySessionStore(1000);
        private volatile boolean readsDown;
        private volatile boolean writesDown;

        void down() {
            readsDown = true;
            writesDown = true;
        }

        void writesDown() {
            readsDown = false;
            writesDown = true;
        }

        void up() {
            readsDown = false;
            writesDown = false;
        }

        @Override
        public Uni<SessionRecord> load(SessionKey key) {
            return readsDown ? refused() : delegate.load(key);
        }

        @Override
        public Uni<Void> create(SessionKey key, SessionRecord session) {
            return writesDown ? refused() : delegate.create(key, session);
        }

        @Override
        public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
            return writesDown ? refused() : delegate.update(key, update);
        }

        @Override
        public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
            return writesDown ? refused() : delegate.changeKey(from, to);
        }

        @Override
        public Uni<Boolean> delete(SessionKey key) {
            return writesDown ? refused() : delegate.delete(key);
        }

        @Override
        public Uni<SessionPage> list(String cursor, int limit) {
            return readsDown ? refused() : delegate.list(cursor, limit);
        }

        @Override
        public Uni<Integer> expire(Instant now) {
            return writesDown ? refused() : delegate.expire(now);
        }

        private static <T> Uni<T> refused() {
            return Uni.createFrom().failure(new IOException("connection refused"));
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

    @Path("/plain")
    public static class PlainResource {

        @GET
        public String plain() {
            return "plain";
        }
    }
}
