package io.quarkiverse.session.it.shop;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.session.Session;

@Path("/visits")
public class VisitResource {

    @Inject
    Session session;

    @GET
    public String count() {
        Integer visits = session.get("visits", Integer.class);
        int next = visits == null ? 1 : visits + 1;
        session.put("visits", next);
        return Integer.toString(next);
    }
}
