package io.quarkiverse.session.it.shop;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.Session;
import io.quarkiverse.session.Sessions;
import io.smallrye.mutiny.Uni;

/**
 * Login regenerates the session ID, binds the session to the user and keeps the cart; logout resets the session; the
 * profile is protected; a user lists the devices they are logged in on and logs out one, all but this one, or all.
 */
@Path("/account")
public class AccountResource {

    private static final Map<String, String> PASSWORDS = Map.of("alice", "wonderland", "bob", "builder", "carol",
            "devices");

    @Inject
    Session session;

    @Inject
    Sessions sessions;

    @ConfigProperty(name = "quarkus.session.store", defaultValue = "memory")
    String store;

    @POST
    @Path("/login")
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
            @HeaderParam("User-Agent") String userAgent) {
        if (username == null || !PASSWORDS.getOrDefault(username, "").equals(password)) {
            return Response.status(Response.Status.UNAUTHORIZED).entity("Invalid credentials").build();
        }
        if ("cookie".equals(store)) {
            // The cookie store cannot find a user's sessions, so it binds none. A new ID at login, so an ID planted
            // before login (session fixation) is worthless afterwards.
            session.regenerate();
        } else {
            // Bound to the user, and a new ID, as with regenerate(): the user's devices can be listed and logged out.
            session.bindPrincipal(username);
            session.put("device", userAgent == null ? "unknown" : userAgent);
        }
        session.put("user", new UserProfile(username, Character.toUpperCase(username.charAt(0)) + username.substring(1),
                List.of("customer")));
        return Response.ok("Welcome " + username).build();
    }

    @GET
    @Path("/profile")
    public Response profile() {
        return session.find("user", UserProfile.class)
                .map(user -> Response.ok(user).build())
                .orElseGet(() -> Response.status(Response.Status.UNAUTHORIZED).entity("Please log in").build());
    }

    @POST
    @Path("/logout")
    public String logout() {
        session.reset();
        return "Bye";
    }

    /** The devices the logged-in user is logged in on, this one marked. */
    @GET
    @Path("/devices")
    public Uni<List<Device>> devices() {
        String current = session.handle();
        return mine().map(found -> found.stream()
                .map(device -> new Device(device.handle(), device.find("device", String.class).orElse("unknown"),
                        device.lastAccessedAt(), device.handle().equals(current)))
                .toList());
    }

    /** Logs one of the user's devices out; another user's handle ends nothing. */
    @DELETE
    @Path("/devices/{handle}")
    public Uni<Response> logOutDevice(@PathParam("handle") String handle) {
        return mine().flatMap(found -> found.stream().filter(device -> device.handle().equals(handle)).findFirst()
                .map(device -> sessions.delete(device).replaceWith(Response.noContent().build()))
                .orElse(Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND).build())));
    }

    @POST
    @Path("/logout-others")
    public Uni<Integer> logOutOthers() {
        return sessions.deleteOtherSessions(session);
    }

    @POST
    @Path("/logout-everywhere")
    public Uni<Integer> logOutEverywhere() {
        return session.principal().map(sessions::deleteByPrincipal).orElse(Uni.createFrom().item(0));
    }

    private Uni<List<DetachedSession>> mine() {
        return session.principal().map(sessions::findByPrincipal).orElse(Uni.createFrom().item(List.of()));
    }

    @POST
    @Path("/remember-me")
    public String rememberMe() {
        session.setIdleTimeout(java.time.Duration.ofDays(14));
        return "Remembered";
    }
}
