package io.quarkiverse.session.postgresql.test;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.spi.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * Session values written, removed, read and ended through HTTP, a regenerate, a slow request that saves after a gate opens,
 * a login, the count of the user's sessions and the logout of the others, and an endpoint that names the store in use.
 */
@Path("/notes")
public class NotesResource {

    /** Counted down once the slow request has loaded its session; opened by the test to let it save. */
    static volatile CountDownLatch slowLoaded = new CountDownLatch(1);
    static volatile CountDownLatch slowRelease = new CountDownLatch(1);

    @Inject
    Session session;

    @Inject
    SessionStore store;

    @Inject
    Sessions sessions;

    @POST
    @Path("/{note}")
    public String write(@PathParam("note") String note) {
        session.put("note", note);
        return note;
    }

    @GET
    public String read() {
        return String.valueOf(session.get("note", String.class));
    }

    @PUT
    @Path("/keys/{key}/{value}")
    public String writeKey(@PathParam("key") String key, @PathParam("value") String value) {
        session.put(key, value);
        return value;
    }

    @DELETE
    @Path("/keys/{key}")
    public void removeKey(@PathParam("key") String key) {
        session.remove(key);
    }

    @POST
    @Path("/regenerate")
    public String regenerate() {
        session.regenerate();
        return String.valueOf(session.get("note", String.class));
    }

    @GET
    @Path("/keys")
    public String keys() {
        return String.join(",", new TreeSet<>(session.keys()));
    }

    @POST
    @Path("/idle/{seconds}")
    public String shortIdle(@PathParam("seconds") int seconds) {
        session.put("note", "idle");
        session.setIdleTimeout(Duration.ofSeconds(seconds));
        return "idle";
    }

    @POST
    @Path("/slow/{note}")
    public String slowWrite(@PathParam("note") String note) throws InterruptedException {
        String before = String.valueOf(session.get("note", String.class));
        slowLoaded.countDown();
        if (!slowRelease.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The test never released the slow request");
        }
        session.put("note", note);
        return before;
    }

    @POST
    @Path("/login/{user}")
    public String login(@PathParam("user") String user) {
        session.bindPrincipal(user);
        return user;
    }

    /** How many sessions the logged-in user has. */
    @GET
    @Path("/devices")
    public Uni<Integer> devices() {
        return sessions.findByPrincipal(session.principal().orElseThrow()).map(List::size);
    }

    @POST
    @Path("/logout-others")
    public Uni<Integer> logOutOthers() {
        return sessions.deleteOtherSessions(session);
    }

    @DELETE
    public void destroy() {
        session.destroy();
    }

    @GET
    @Path("/store")
    public String store() {
        return store.getClass().getSimpleName();
    }
}
