package io.quarkiverse.session.test;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.session.Session;
import io.smallrye.common.annotation.NonBlocking;

/**
 * One session value, "note", written, read (on a worker thread or the event loop) and ended through HTTP: the
 * endpoint the deployment tests share.
 */
@Path("/note")
public class NoteResource {

    @Inject
    Session session;

    @POST
    @Path("/{note}")
    public String write(@PathParam("note") String note) {
        session.put("note", note);
        return note;
    }

    @GET
    public String read() {
        return session.get("note", String.class);
    }

    @GET
    @Path("/event-loop")
    @NonBlocking
    public String readOnEventLoop() {
        return session.get("note", String.class);
    }

    @DELETE
    public void destroy() {
        session.destroy();
    }
}
