package io.quarkiverse.session.redis.test;

import java.time.Duration;
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
import io.quarkiverse.session.spi.SessionStore;

/**
 * Session values written, read and ended through HTTP, a login (binding the session to a principal), a slow request that saves
 * after a gate opens, and an endpoint
 * that names the store in use.
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
    @Path("/login/{name}")
    public String login(@PathParam("name") String name) {
        session.bindPrincipal(name);
        return name;
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
