package io.quarkiverse.session.test.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.session.Sessions;
import io.smallrye.mutiny.Uni;

/**
 * An administration endpoint that deletes every session: answers their number, or {@code 501} with the store's reason
 * when the store cannot delete its sessions (the cookie store).
 */
@Path("/admin/sessions")
public class DeleteAllResource {

    @Inject
    Sessions sessions;

    @DELETE
    public Uni<Response> deleteAll() {
        return sessions.deleteAll().map(deleted -> Response.ok(String.valueOf(deleted)).build())
                .onFailure(UnsupportedOperationException.class)
                .recoverWithItem(refusal -> Response.status(501).entity(refusal.getMessage()).build());
    }
}
