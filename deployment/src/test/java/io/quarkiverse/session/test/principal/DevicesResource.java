package io.quarkiverse.session.test.principal;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.quarkus.arc.Unremovable;
import io.smallrye.mutiny.Uni;

/**
 * A "your devices" page over the principal index: a device logs in (binds its session to a user and notes its name),
 * lists the user's devices, logs one of them out, all of them, or all but itself. Answers are plain text, one device per
 * line: {@code handle agent current}.
 */
@Path("/devices")
@Unremovable
public class DevicesResource {

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    @POST
    @Path("/visit")
    public String visit() {
        session.put("visited", true);
        return "visited";
    }

    @POST
    @Path("/login")
    public String login(@QueryParam("user") String user, @QueryParam("agent") String agent,
            @QueryParam("idleSeconds") Integer idleSeconds) {
        session.bindPrincipal(user);
        session.put("agent", agent);
        if (idleSeconds != null) {
            session.setIdleTimeout(Duration.ofSeconds(idleSeconds));
        }
        return session.handle();
    }

    @GET
    @Path("/me")
    public String me() {
        return session.principal().orElse("anonymous");
    }

    @POST
    @Path("/regenerate")
    public String regenerate() {
        session.regenerate();
        return session.handle();
    }

    @POST
    @Path("/logout")
    public String logout() {
        session.destroy();
        return "bye";
    }

    @GET
    public Uni<String> list() {
        String current = session.handle();
        return mine().map(devices -> devices.stream()
                .map(device -> device.handle() + " " + device.get("agent", String.class) + " "
                        + device.handle().equals(current))
                .sorted().collect(Collectors.joining("\n")));
    }

    @DELETE
    @Path("/{handle}")
    public Uni<Response> logOut(@PathParam("handle") String handle) {
        return mine().flatMap(devices -> devices.stream().filter(device -> device.handle().equals(handle)).findFirst()
                .map(device -> sessions.delete(device).map(deleted -> Response.noContent().build()))
                .orElse(Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND).build())));
    }

    @POST
    @Path("/logout-everywhere")
    public Uni<Integer> logOutEverywhere() {
        return session.principal().map(sessions::deleteByPrincipal).orElse(Uni.createFrom().item(0));
    }

    @POST
    @Path("/logout-others")
    public Uni<Integer> logOutOthers() {
        return sessions.deleteOtherSessions(session);
    }

    /** Only the devices of the logged-in user: a user never sees, nor logs out, another's. */
    private Uni<List<DetachedSession>> mine() {
        return session.principal().map(sessions::findByPrincipal).orElse(Uni.createFrom().item(List.of()));
    }
}
