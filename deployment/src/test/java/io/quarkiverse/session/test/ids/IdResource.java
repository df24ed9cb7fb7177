package io.quarkiverse.session.test.ids;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.quarkiverse.session.Session;

/**
 * The session's ID, shown and regenerated through HTTP; the ID tests check it against the cookie.
 */
@Path("/ids")
public class IdResource {

    @Inject
    Session session;

    @GET
    public String id() {
        return session.id();
    }

    @POST
    @Path("/regenerate")
    public String regenerate() {
        session.regenerate();
        return session.id();
    }
}
