package io.quarkiverse.session.test.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.SessionErrorHandler;
import io.quarkiverse.session.SessionErrorResponse;
import io.quarkiverse.session.SessionFailure;
import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.test.NoteResource;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkiverse.session.test.outage.FaultySessionStore.Fault;
import io.quarkiverse.session.test.store.ForwardingSessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.ext.web.Router;

/**
 * An application's {@link SessionErrorHandler} answers the requests whose session cannot be served, on Quarkus REST
 * endpoints and plain Vert.x routes alike: a store that is down, and a stored value that does not decode. A handler
 * that throws or answers nothing gives the extension's default answer, never a hung request; and nothing the handler
 * does makes the extension log a session ID.
 */
class ApplicationErrorHandlerTest {

    private static final String THROTTLED = "{\"error\":\"sessions-unavailable\"}";
    private static final String UNREADABLE = "{\"error\":\"session-value-unreadable\"}";
    private static final String DEFAULT_BODY = "Session store unavailable, please retry.";
    /** Every session ID the tests were given: none may reach the log. */
    private static final Set<String> ISSUED_IDS = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FaultySessionStore.class, ForwardingSessionStore.class,
                    NoteResource.class, NumberResource.class, NoteRoutes.class, JsonErrors.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(ApplicationErrorHandlerTest::noRecordHoldsASessionId);

    private static FaultySessionStore store() {
        return Arc.container().instance(FaultySessionStore.class).get();
    }

    @AfterEach
    void storeAnswersAgain() {
        store().repair();
    }

    @Test
    void restEndpointGetsTheHandlersAnswerWhenTheStoreIsDown() {
        String id = newSession("kept");
        store().breakAll(Fault.REFUSE);
        expectThrottled(given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then());
        expectThrottled(given().post("/note/lost").then());
    }

    @Test
    void vertxRouteWithTheLoaderGetsTheHandlersAnswerWhenTheStoreIsDown() {
        String id = newSession("kept");
        store().breakAll(Fault.REFUSE);
        expectThrottled(given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/note").then());
    }

    @Test
    void vertxRouteThatFailsWithTheStoreFailureGetsTheHandlersAnswer() {
        String id = newSession("kept");
        store().breakAll(Fault.REFUSE);
        expectThrottled(given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/reactive-note").then());
    }

    @Test
    void handlerThatThrowsGivesTheDefaultAnswer() {
        String id = newSession("kept");
        store().breakAll(Fault.REFUSE);
        for (String path : List.of("/note", "/vertx/note", "/vertx/reactive-note")) {
            expectDefault(given().header("X-Handler", "throw").cookie(SessionCookies.DEFAULT_NAME, id).get(path).then());
        }
    }

    @Test
    void handlerThatAnswersNothingGivesTheDefaultAnswer() {
        String id = newSession("kept");
        store().breakAll(Fault.REFUSE);
        for (String path : List.of("/note", "/vertx/note")) {
            expectDefault(given().header("X-Handler", "null").cookie(SessionCookies.DEFAULT_NAME, id).get(path).then());
        }
    }

    @Test
    void valueThatDoesNotDecodeReachesTheHandler() {
        String id = newSession("not a number");
        for (String path : List.of("/number", "/vertx/number")) {
            given().cookie(SessionCookies.DEFAULT_NAME, id).get(path).then().statusCode(409)
                    .header("Content-Type", startsWith("application/json")).body(equalTo(UNREADABLE));
        }
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200)
                .body(equalTo("not a number"));
    }

    private static void expectThrottled(ValidatableResponse response) {
        response.statusCode(429).header("Retry-After", "7").header("Content-Type", startsWith("application/json"))
                .body(equalTo(THROTTLED));
    }

    private static void expectDefault(ValidatableResponse response) {
        response.statusCode(503).header("Retry-After", "1").body(equalTo(DEFAULT_BODY));
    }

    private static String newSession(String note) {
        String id = SessionCookies.issuedId(given().post("/note/" + note).then().statusCode(200).extract().response());
        ISSUED_IDS.add(id);
        return id;
    }

    private static void noRecordHoldsASessionId(List<LogRecord> records) {
        assertTrue(records.stream().anyMatch(record -> text(record).contains(JsonErrors.class.getName() + " failed ("
                + IllegalStateException.class.getName() + ")")), "the handler's failure is logged by its type");
        for (LogRecord record : records) {
            String text = text(record);
            for (String id : ISSUED_IDS) {
                assertFalse(text.contains(id), "a session ID in the log: " + text);
            }
        }
    }

    private static String text(LogRecord record) {
        StringWriter text = new StringWriter();
        text.append(record instanceof ExtLogRecord extended ? extended.getFormattedMessage() : record.getMessage());
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }

    /**
     * Throttles clients with a JSON 429 while the store is down, and says which value is unreadable; on request, it
     * throws with the session's cookie in its message, or answers nothing.
     */
    @ApplicationScoped
    public static class JsonErrors implements SessionErrorHandler {

        @Override
        public SessionErrorResponse respond(SessionFailure failure) {
            String mode = failure.request().request().getHeader("X-Handler");
            if ("throw".equals(mode)) {
                throw new IllegalStateException("no answer for " + failure.request().request().getHeader("Cookie"));
            }
            if ("null".equals(mode)) {
                return null;
            }
            return failure.kind() == SessionFailure.Kind.STORE_UNAVAILABLE
                    ? SessionErrorResponse.withStatus(429).header("Retry-After", "7").body("application/json", THROTTLED)
                    : SessionErrorResponse.withStatus(409).body("application/json", UNREADABLE);
        }
    }

    @Path("/number")
    public static class NumberResource {

        @Inject
        Session session;

        @GET
        public Integer read() {
            return session.get("note", Integer.class);
        }
    }

    @ApplicationScoped
    public static class NoteRoutes {

        @Inject
        Sessions sessions;

        void register(@Observes Router router) {
            router.get("/vertx/note").handler(sessions.loader()).handler(
                    request -> request.response().end(String.valueOf(sessions.of(request).get("note", String.class))));
            router.get("/vertx/reactive-note").handler(request -> sessions.current(request).subscribe().with(
                    session -> request.response().end(String.valueOf(session.get("note", String.class))),
                    request::fail));
            router.get("/vertx/number").handler(sessions.loader()).handler(
                    request -> request.response().end(String.valueOf(sessions.of(request).get("note", Integer.class))));
        }
    }
}
