package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
 * The session filter runs for every route of the HTTP server: a plain Vert.x route, using
 * {@link Sessions#current(io.vertx.ext.web.RoutingContext)} or {@link Sessions#of(io.vertx.ext.web.RoutingContext)}, and
 * a Quarkus REST endpoint, injecting {@link Session}, see the same session.
 */
class VertxRouteSessionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OwnerResource.class, OwnerRoutes.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void valueWrittenByRestEndpointIsReadByVertxRoute() {
        String id = SessionCookies.issuedId(expectOk(given().post("/rest/owner/alice")));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/owner").then().statusCode(200).body(equalTo("alice"));
    }

    @Test
    void valueWrittenByVertxRouteIsReadByRestEndpoint() {
        String id = SessionCookies.issuedId(expectOk(given().post("/vertx/owner/bob")));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/rest/owner").then().statusCode(200).body(equalTo("bob"));
    }

    @Test
    void vertxRouteChangeOfRestSessionKeepsTheSameId() {
        String id = SessionCookies.issuedId(expectOk(given().post("/rest/owner/carol")));
        Response changed = expectOk(given().cookie(SessionCookies.DEFAULT_NAME, id).post("/vertx/owner/dave"));
        // The client's cookie is still good: if the route sends it again at all, it carries the same ID.
        SessionCookies.header(changed, SessionCookies.DEFAULT_NAME).ifPresent(header -> assertTrue(
                header.startsWith(SessionCookies.DEFAULT_NAME + "=" + id + ";"), "same session: " + header));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/rest/owner").then().statusCode(200).body(equalTo("dave"));
    }

    @Test
    void vertxRouteUsesTheSessionSynchronouslyWithStoreThatAnswersAtOnce() {
        String id = SessionCookies.issuedId(expectOk(given().post("/vertx/owner-sync/frank")));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/rest/owner").then().statusCode(200).body(equalTo("frank"));
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/owner-sync").then().statusCode(200)
                .body(equalTo("frank"));
    }

    @Test
    void vertxRouteThatIgnoresTheSessionSendsNoCookie() {
        String id = SessionCookies.issuedId(expectOk(given().post("/rest/owner/erin")));
        Response response = expectOk(given().cookie(SessionCookies.DEFAULT_NAME, id).get("/vertx/ping"));
        assertTrue(SessionCookies.setsNone(response), "no Set-Cookie from a route that never asked for the session");
    }

    private static Response expectOk(Response response) {
        response.then().statusCode(200);
        return response;
    }

    @Path("/rest/owner")
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
    }

    @ApplicationScoped
    public static class OwnerRoutes {

        @Inject
        Sessions sessions;

        void register(@Observes Router router) {
            router.get("/vertx/owner").handler(request -> sessions.current(request).subscribe().with(
                    session -> request.response().end(String.valueOf(session.get("owner", String.class))),
                    request::fail));
            router.post("/vertx/owner/:owner").handler(request -> sessions.current(request).subscribe().with(session -> {
                session.put("owner", request.pathParam("owner"));
                request.response().end(request.pathParam("owner"));
            }, request::fail));
            // The memory store answers at once: the session is used synchronously, loaded on first use, saved when
            // the response headers are written.
            router.get("/vertx/owner-sync").handler(
                    request -> request.response().end(String.valueOf(sessions.of(request).get("owner", String.class))));
            router.post("/vertx/owner-sync/:owner").handler(request -> {
                sessions.of(request).put("owner", request.pathParam("owner"));
                request.response().end(request.pathParam("owner"));
            });
            router.get("/vertx/ping").handler(request -> request.response().end("pong"));
        }
    }
}
