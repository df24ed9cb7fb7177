package io.quarkiverse.session.test.size;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.Session;
import io.quarkiverse.session.SessionTooLargeException;
import io.quarkiverse.session.Sessions;
import io.smallrye.mutiny.Uni;

/**
 * Values of a chosen length, put through HTTP: a put that is too large is caught and reported, as an application that
 * lets users grow a session would; one path leaves it uncaught.
 */
@Path("/sized")
public class SizedValueResource {

    /** What a put that fails reports, followed by the exception's message. */
    static final String TOO_LARGE = "too large: ";

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    /** Puts a string of {@code length} characters, which is {@code length + 2} bytes of JSON. */
    @POST
    @Path("/{key}/{length}")
    public String put(@PathParam("key") String key, @PathParam("length") int length) {
        try {
            session.put(key, "x".repeat(length));
            return "stored";
        } catch (SessionTooLargeException e) {
            return TOO_LARGE + e.getMessage();
        }
    }

    @POST
    @Path("/uncaught/{key}/{length}")
    public String putUncaught(@PathParam("key") String key, @PathParam("length") int length) {
        session.put(key, "x".repeat(length));
        return "stored";
    }

    /** The length of the value under {@code key}, or {@code none}. */
    @GET
    @Path("/{key}")
    public String length(@PathParam("key") String key) {
        String value = session.get(key, String.class);
        return value == null ? "none" : Integer.toString(value.length());
    }

    @DELETE
    @Path("/{key}")
    public String remove(@PathParam("key") String key) {
        session.remove(key);
        return "removed";
    }

    /** Puts into the session of {@code id} by ID, then saves it whether the put succeeded or not. */
    @POST
    @Path("/detached/{id}/{key}/{length}")
    public Uni<String> putDetached(@PathParam("id") String id, @PathParam("key") String key,
            @PathParam("length") int length) {
        return sessions.findById(id).chain(found -> {
            DetachedSession detached = found.orElseThrow();
            String outcome;
            try {
                detached.put(key, "x".repeat(length));
                outcome = "stored";
            } catch (SessionTooLargeException e) {
                outcome = TOO_LARGE + e.getMessage();
            }
            return sessions.save(detached).replaceWith(outcome);
        });
    }
}
