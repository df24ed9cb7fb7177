package io.quarkiverse.session.test.devmode;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.session.Session;

/**
 * Counts the visits of a session; {@link LiveReloadTest} edits its source while the application runs.
 */
@Path("/visits")
public class VisitResource {

    @Inject
    Session session;

    @GET
    public String visit() {
        Integer visits = session.get("visits", Integer.class);
        int next = visits == null ? 1 : visits + 1;
        session.put("visits", next);
        return "visit " + next;
    }
}
