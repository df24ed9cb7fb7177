package io.quarkiverse.session.test.saving;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkiverse.session.test.store.ForwardingSessionStore;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.ext.web.RoutingContext;

/**
 * The session is saved before the response is sent (the guide's "When data is saved"): with a store that holds a write
 * until the test lets it go, no response, and no response header, leaves before the store has finished.
 */
class ResponseWaitsForTheStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GatedSessionStore.class, ForwardingSessionStore.class,
                    NoteResource.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    GatedSessionStore store;

    @TestHTTPResource
    URI root;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void letEveryWriteGo() {
        store.openGate();
    }

    @Test
    void newSessionIsAnsweredOnlyOnceTheStoreHasCreatedIt() throws Exception {
        store.closeGate();
        CompletableFuture<HttpResponse<String>> response = send("first", null);
        assertTrue(store.awaitHeldWrite(), "the store received the new session");
        expectNoAnswerWhileTheWriteIsHeld(response, "the store created the session");
        store.openGate();

        HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode());
        assertEquals("first", answered.body());
        String id = issuedId(answered);
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("first"));
    }

    @Test
    void changedSessionIsAnsweredOnlyOnceTheStoreHasUpdatedIt() throws Exception {
        String id = issuedId(send("before", null).get(30, TimeUnit.SECONDS));
        store.closeGate();
        CompletableFuture<HttpResponse<String>> response = send("after", id);
        assertTrue(store.awaitHeldWrite(), "the store received the update");
        expectNoAnswerWhileTheWriteIsHeld(response, "the store updated the session");
        store.openGate();

        HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode());
        assertEquals("after", answered.body());
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/note").then().statusCode(200).body(equalTo("after"));
    }

    /**
     * A response that did not wait for the store would leave within moments of the write reaching it, while the write
     * is held: none may arrive within a second, nor may its headers have been written. A correct server passes whatever
     * the machine's speed; one that answers early fails unless it takes more than that second to do so.
     */
    private void expectNoAnswerWhileTheWriteIsHeld(CompletableFuture<HttpResponse<String>> response, String write) {
        assertThrows(TimeoutException.class, () -> response.get(1, TimeUnit.SECONDS),
                "answered before " + write);
        assertFalse(store.headersLeftWhileAWriteWasHeld(), "headers were written before " + write);
    }

    private CompletableFuture<HttpResponse<String>> send(String note, String id) {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve("/note/" + note))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (id != null) {
            request.header("Cookie", SessionCookies.DEFAULT_NAME + "=" + id);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String issuedId(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SessionCookies.DEFAULT_NAME + "=")).toList();
        assertEquals(1, cookies.size(), "one session cookie: " + response.headers());
        String header = cookies.get(0);
        String id = header.substring(SessionCookies.DEFAULT_NAME.length() + 1, header.indexOf(';'));
        assertEquals(32, id.length(), "session ID length in " + header);
        return id;
    }

    /** Writes a note and tells the store when the response's headers are written. */
    @Path("/note")
    public static class NoteResource {

        @Inject
        Session session;

        @Inject
        GatedSessionStore store;

        @POST
        @Path("/{note}")
        public String write(@PathParam("note") String note, RoutingContext request) {
            request.addHeadersEndHandler(ignored -> store.onHeadersWritten());
            session.put("note", note);
            return note;
        }

        @GET
        public String read() {
            return session.get("note", String.class);
        }
    }
}
