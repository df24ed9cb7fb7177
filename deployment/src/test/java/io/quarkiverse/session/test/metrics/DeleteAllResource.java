package io.quarkiverse.session.test.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.smallrye.mutiny.Uni;

/**
 * An administration endpoint that deletes every session, or a user's: answers their number, or {@code 501} with the
 * store's reason when the store cannot delete its sessions (the cookie store); and a login that binds the session to a
 * principal, or answers {@code 501} with the store's reason.
 */
@Path("/admin/sessions")
public class DeleteAllResource {

    @Inject
    Sessions sessions;

    @Inject
    Session session;

    @DELETE
    public Uni<Response> deleteAll() {
        return answer(sessions.deleteAll());
    }

    @DELETE
    @Path("/of/{principal}")
    public Uni<Response> deleteByPrincipal(@PathParam("principal") String principal) {
        return answer(sessions.deleteByPrincipal(principal));
    }

    @POST
    @Path("/login/{principal}")
    public Response login(@PathParam("principal") String principal) {
        try {
            session.bindPrincipal(principal);
            return Response.ok().build();
        } catch (UnsupportedOperationException refusal) {
            return Response.status(501).entity(refusal.getMessage()).build();
        }
    }

    private static Uni<Response> answer(Uni<Integer> deletion) {
        return deletion.map(deleted -> Response.ok(String.valueOf(deleted)).build())
                .onFailure(UnsupportedOperationException.class)
                .recoverWithItem(refusal -> Response.status(501).entity(refusal.getMessage()).build());
    }
}
