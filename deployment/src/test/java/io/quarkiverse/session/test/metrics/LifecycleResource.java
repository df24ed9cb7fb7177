package io.quarkiverse.session.test.metrics;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.session.Session;

/**
 * Every lifecycle event of a session, one endpoint each: the scripted traffic whose meters the metrics tests count.
 * Each stored value is the number 1, one byte of JSON.
 */
@Path("/lifecycle")
public class LifecycleResource {

    @Inject
    Session session;

    @POST
    @Path("/create")
    public String create() {
        session.put("n", 1);
        return "created";
    }

    /** A new session that expires after {@code millis} without use. */
    @POST
    @Path("/create-expiring/{millis}")
    public String createExpiring(@PathParam("millis") long millis) {
        session.put("n", 1);
        session.setIdleTimeout(Duration.ofMillis(millis));
        return "created";
    }

    @GET
    @Path("/read")
    public String read() {
        return String.valueOf(session.get("n", Integer.class));
    }

    @POST
    @Path("/regenerate")
    public String regenerate() {
        session.regenerate();
        return "regenerated";
    }

    @POST
    @Path("/reset")
    public String reset() {
        session.reset();
        session.put("n", 1);
        return "reset";
    }

    @POST
    @Path("/destroy")
    public String destroy() {
        session.destroy();
        return "destroyed";
    }
}
