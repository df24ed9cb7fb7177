package io.quarkiverse.session.it.shop;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Event-loop endpoints: the injected session is loaded before they run; {@link Sessions#current()} loads on demand.
 */
@Path("/reactive")
public class ReactiveResource {

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    @GET
    @Path("/visits")
    @NonBlocking
    public String visits() {
        return Integer.toString(increment(session));
    }

    @GET
    @Path("/visits-uni")
    public Uni<String> visitsUni() {
        return sessions.current().map(current -> Integer.toString(increment(current)));
    }

    @GET
    @Path("/thread")
    @NonBlocking
    public String thread() {
        session.put("thread", Thread.currentThread().getName());
        return Thread.currentThread().getName();
    }

    private static int increment(Session session) {
        Integer visits = session.get("visits", Integer.class);
        int next = visits == null ? 1 : visits + 1;
        session.put("visits", next);
        return next;
    }
}
