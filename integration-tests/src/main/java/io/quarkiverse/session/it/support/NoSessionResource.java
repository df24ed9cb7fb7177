package io.quarkiverse.session.it.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.smallrye.common.annotation.NonBlocking;

/**
 * Endpoints that never use the session, on a worker thread and on the event loop.
 */
@Path("/no-session")
public class NoSessionResource {

    @GET
    public String worker() {
        return "ok";
    }

    @GET
    @Path("/event-loop")
    @NonBlocking
    public String eventLoop() {
        return "ok";
    }
}
