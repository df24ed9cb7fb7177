package io.quarkiverse.session.postgresql.test;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * An endpoint that never uses the session: its requests must not reach the database.
 */
@Path("/plain")
public class PlainResource {

    @GET
    public String plain() {
        return "plain";
    }
}
